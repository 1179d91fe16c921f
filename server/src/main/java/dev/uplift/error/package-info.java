/**
 * The exceptions of Uplift's domain: what a caller did wrong or must know about, named in
 * the domain's terms and carrying the key the client needs (the field, the id, the
 * state). They know nothing of HTTP; the web layer maps each kind to a status code in one
 * place.
 */
package dev.uplift.error;
