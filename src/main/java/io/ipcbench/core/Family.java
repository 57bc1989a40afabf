package io.ipcbench.core;

/**
 * The families the reports group transports into, so that a chart compares mechanisms that answer
 * the same question (small multiples, one per family, instead of every transport on one axis). A
 * transport's family is given where it is registered ({@code registry.TransportRegistry}).
 */
public enum Family {
    BYTE_STREAM("kernel byte streams"),
    MESSAGE_QUEUE("message queues"),
    SHARED_MEMORY("shared-memory wake-ups"),
    ZERO_COPY("zero-copy / single-copy"),
    LIBRARY("libraries");

    private final String title;

    Family(String title) {
        this.title = title;
    }

    /** What a reader sees: "kernel byte streams". */
    public String title() {
        return title;
    }
}
