package dev.uplift.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image image/build.sh writes with Jib's {@code jib:buildTar}: a Docker image tarball
 * (manifest.json, the config, gzipped layers), read without a container runtime.
 */
final class ImageTarball {

	/** Where image/build.sh leaves it, from the server module's directory. */
	static final Path PATH = Path.of("target/jib-image.tar");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JsonNode manifest;

	private final JsonNode config;

	/** Files whose content {@link #text} gives: small ones the tests read. */
	private static final Set<String> TEXT_FILES = Set.of("etc/passwd", "etc/group", "app/jib-classpath-file",
			"app/jib-main-class-file");

	private final List<Map<String, Tar.Entry>> layers;

	private final Map<String, String> texts;

	private ImageTarball(JsonNode manifest, JsonNode config, List<Map<String, Tar.Entry>> layers,
			Map<String, String> texts) {
		this.manifest = manifest;
		this.config = config;
		this.layers = layers;
		this.texts = texts;
	}

	/**
	 * The built image's tarball; the calling tests are skipped with a message when it was
	 * not built, except in CI (CI=true, where .ci/run builds it first), where they fail.
	 * @return the tarball's path
	 */
	static Path require() {
		boolean built = Files.isRegularFile(PATH);
		String missing = "No container image at server/" + PATH + ": build it with image/build.sh";
		if (!built && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(missing + " (CI=true: the image tests must run)");
		}
		Assumptions.assumeTrue(built, () -> "Skipped: " + missing);
		return PATH;
	}

	/**
	 * Reads the tarball's manifest, config and the entries of every layer.
	 * @param tarball the image tarball
	 * @return what it holds
	 * @throws IOException when it cannot be read
	 */
	static ImageTarball read(Path tarball) throws IOException {
		Map<String, byte[]> json = new HashMap<>();
		Map<String, Map<String, Tar.Entry>> layersByFile = new HashMap<>();
		Map<String, Map<String, String>> textsByFile = new HashMap<>();
		try (InputStream in = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16)) {
			Tar.walk(in, (entry, content) -> {
				if (entry.name().endsWith(".json")) {
					json.put(entry.name(), content.readAllBytes());
				}
				else if (entry.name().endsWith(".tar.gz")) {
					Map<String, Tar.Entry> files = new LinkedHashMap<>();
					Map<String, String> texts = textsByFile.computeIfAbsent(entry.name(), (name) -> new HashMap<>());
					Tar.walk(new GZIPInputStream(content, 65536), (file, data) -> {
						files.put(file.name(), file);
						if (TEXT_FILES.contains(file.name())) {
							texts.put(file.name(), new String(data.readAllBytes(), StandardCharsets.UTF_8));
						}
					});
					layersByFile.put(entry.name(), files);
				}
			});
		}
		JsonNode manifest = JSON.readTree(json.get("manifest.json")).get(0);
		JsonNode config = JSON.readTree(json.get(manifest.get("Config").asString()));
		List<Map<String, Tar.Entry>> layers = new ArrayList<>();
		// The blobs of the tarball come in any order; the manifest's is the layers'
		// order.
		Map<String, String> texts = new HashMap<>();
		for (JsonNode layer : manifest.get("Layers")) {
			layers.add(layersByFile.get(layer.asString()));
			texts.putAll(textsByFile.getOrDefault(layer.asString(), Map.of()));
		}
		return new ImageTarball(manifest, config, layers, texts);
	}

	/** The first element of manifest.json. */
	JsonNode manifest() {
		return this.manifest;
	}

	/**
	 * The image's config: architecture, os, config (Env, Entrypoint, User...), rootfs.
	 */
	JsonNode config() {
		return this.config;
	}

	/** Each layer's entries by name, in the manifest's order (the base's first). */
	List<Map<String, Tar.Entry>> layers() {
		return this.layers;
	}

	/** The entry a container sees at this path (no leading "/"): the last layer's. */
	Tar.Entry file(String path) {
		Tar.Entry found = null;
		for (Map<String, Tar.Entry> layer : this.layers) {
			found = layer.getOrDefault(path, found);
		}
		return found;
	}

	/**
	 * The content of one of a few small files (etc/passwd, etc/group,
	 * app/jib-classpath-file, app/jib-main-class-file), as the last layer holding it has
	 * it.
	 */
	String text(String path) {
		return this.texts.get(path);
	}

	/** The config's environment as a map. */
	Map<String, String> environment() {
		Map<String, String> environment = new LinkedHashMap<>();
		for (JsonNode variable : this.config.get("config").get("Env")) {
			String[] pair = variable.asString().split("=", 2);
			environment.put(pair[0], pair[1]);
		}
		return environment;
	}

	/** A JSON array of strings as a list. */
	static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		for (JsonNode element : array) {
			strings.add(element.asString());
		}
		return strings;
	}

}
