package dev.uplift.image;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image image/build.sh writes (docs/operations.md, container image), read
 * from its tarball: what the config promises and what the layers hold. Skipped when the
 * image was not built, mandatory in CI. ContainerImageRunTests starts it.
 */
class ContainerImageTests {

	private static ImageTarball image;

	@BeforeAll
	static void read() throws IOException {
		image = ImageTarball.read(ImageTarball.require());
	}

	@Test
	void entrypointRunsUpliftWithTheJavaOnThePath() {
		JsonNode config = image.config().get("config");
		List<String> entrypoint = ImageTarball.strings(config.get("Entrypoint"));
		assertThat(entrypoint).first().isEqualTo("java");
		assertThat(entrypoint).containsSubsequence("-cp", "@/app/jib-classpath-file", "dev.uplift.UpliftApplication");
		assertThat(entrypoint).last().isEqualTo("dev.uplift.UpliftApplication");
		assertThat(config.path("Cmd").isNull() || config.path("Cmd").isMissingNode()).isTrue();
		String java = Arrays.stream(image.environment().get("PATH").split(":"))
			.map((dir) -> dir.substring(1) + "/java")
			.filter((path) -> image.file(path) != null)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no java on the image's PATH " + image.environment()));
		assertThat(java).isEqualTo(image.environment().get("JAVA_HOME").substring(1) + "/bin/java");
		assertThat(image.file(java).mode() & 0111).isEqualTo(0111);
		assertThat(image.text("app/jib-main-class-file")).isEqualToIgnoringWhitespace("dev.uplift.UpliftApplication");
	}

	@Test
	void runsAsTheNonRootUserWithTheDataVolume() {
		JsonNode config = image.config().get("config");
		assertThat(config.get("User").asString()).isEqualTo("10001:10001");
		assertThat(image.text("etc/passwd")).contains("uplift:x:10001:10001:");
		assertThat(image.text("etc/group")).contains("uplift:x:10001:");
		assertThat(config.get("Volumes").propertyNames()).containsExactly("/data");
		assertThat(image.environment()).containsEntry("UPLIFT_DATA_DIR", "/data");
		assertThat(config.get("WorkingDir").asString()).isEqualTo("/data");
		Tar.Entry data = image.file("data");
		assertThat(data.directory()).isTrue();
		assertThat(data.uid()).isEqualTo(10001);
		assertThat(data.gid()).isEqualTo(10001);
		Tar.Entry tmp = image.file("tmp");
		assertThat(tmp.directory()).isTrue();
		assertThat(tmp.mode() & 07777).isEqualTo(01777);
	}

	@Test
	void exposesTheApiAndTheDemoPorts() {
		assertThat(image.config().get("config").get("ExposedPorts").propertyNames())
			.containsExactlyInAnyOrder("8080/tcp", "8081/tcp");
	}

	@Test
	void healthCheckRunsTheProbeWithoutAShell() {
		JsonNode healthcheck = image.config().get("config").get("Healthcheck");
		List<String> test = ImageTarball.strings(healthcheck.get("Test"));
		assertThat(test).first().isEqualTo("CMD");
		assertThat(test.get(1)).isEqualTo(image.environment().get("JAVA_HOME") + "/bin/java");
		assertThat(test).containsSubsequence("-cp", "/app/classes", "dev.uplift.operations.HealthProbe");
		assertThat(image.file("app/classes/dev/uplift/operations/HealthProbe.class")).isNotNull();
		assertThat(healthcheck.get("Interval").asLong()).isPositive();
		assertThat(healthcheck.get("StartPeriod").asLong()).isPositive();
		assertThat(image.file("bin/sh")).isNull();
		assertThat(image.file("usr/bin/curl")).isNull();
	}

	@Test
	void layersHoldTheRuntimeTheLibrariesAndTheClasses() {
		assertThat(image.layers()).hasSizeGreaterThanOrEqualTo(3);
		String javaHome = image.environment().get("JAVA_HOME").substring(1);
		assertThat(image.file(javaHome + "/lib/modules")).isNotNull();
		assertThat(image.file(javaHome + "/lib/server/libjvm.so")).isNotNull();
		assertThat(image.file("app/classes/dev/uplift/UpliftApplication.class")).isNotNull();
		assertThat(image.file("app/resources/application.yml")).isNotNull();
		assertThat(image.file("app/resources/db/migration")).isNotNull();
		List<String> classpath = Arrays.asList(image.text("app/jib-classpath-file").trim().split(":"));
		assertThat(classpath).contains("/app/classes", "/app/resources");
		assertThat(classpath).anyMatch((entry) -> entry.matches("/app/libs/spring-boot-\\d.*\\.jar"));
		assertThat(classpath).anyMatch((entry) -> entry.matches("/app/libs/sqlite-jdbc-.*\\.jar"));
		for (String entry : classpath) {
			assertThat(image.file(entry.substring(1))).as(entry).isNotNull();
		}
		// the base's layer: everything root's but /data; the application's: root's,
		// read-only to the user
		for (Map<String, Tar.Entry> layer : image.layers()) {
			for (Tar.Entry entry : layer.values()) {
				if (!entry.name().equals("data")) {
					assertThat(entry.uid()).as(entry.name()).isZero();
				}
				if (entry.name().startsWith("app/") && !entry.directory()) {
					assertThat(entry.mode() & 0222).as(entry.name()).isEqualTo(0200);
				}
			}
		}
	}

	@Test
	void isADockerImageForThisMachinesArchitecture() {
		assertThat(image.config().get("os").asString()).isEqualTo("linux");
		String arch = System.getProperty("os.arch");
		assertThat(image.config().get("architecture").asString()).isEqualTo(arch.equals("aarch64") ? "arm64" : arch);
		assertThat(ImageTarball.strings(image.manifest().get("RepoTags"))).containsExactly("uplift:latest");
		assertThat(image.config().get("rootfs").get("diff_ids")).hasSize(image.layers().size());
	}

}
