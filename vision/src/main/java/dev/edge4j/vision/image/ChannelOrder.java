package dev.edge4j.vision.image;

/** The order in which a model expects the colour channels. Getting it wrong costs accuracy silently. */
public enum ChannelOrder {
    RGB,
    BGR
}
