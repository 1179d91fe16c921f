package dev.uplift.experiment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Uplift is reachable from the outside.
 *
 * @param publicBaseUrl base of public links such as share links ({@code https://ab.example.com}); blank
 * means the base of the request that asks for the link
 */
@ConfigurationProperties("uplift")
record ShareLinkProperties(@DefaultValue("") String publicBaseUrl) {
}
