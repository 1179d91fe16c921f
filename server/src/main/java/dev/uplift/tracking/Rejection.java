package dev.uplift.tracking;

/** An event that was not accepted: its position in the request and why. */
record Rejection(int index, String error) {
}
