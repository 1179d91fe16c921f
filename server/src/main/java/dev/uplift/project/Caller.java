package dev.uplift.project;

/**
 * The API key of a control-plane request, which Uplift takes as its author: controllers
 * that declare it as a parameter get it from the request's authentication.
 *
 * @param keyId the key's id
 * @param name the key's name, shown as the author
 */
public record Caller(long keyId, String name) {
}
