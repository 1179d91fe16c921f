package dev.uplift;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Uplift: a self-hosted A/B-testing server that speaks the Mida REST API V2. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class UpliftApplication {

	public static void main(String[] args) {
		SpringApplication.run(UpliftApplication.class, args);
	}

	/** The clock of every timestamp Uplift records, replaceable in tests. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
