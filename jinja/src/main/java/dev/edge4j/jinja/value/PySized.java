package dev.edge4j.jinja.value;

/** A runtime object with a Python {@code len()} (e.g. the loop object). */
public interface PySized {
    long len();
}
