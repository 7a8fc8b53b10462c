package io.github.imagehygiene.common;

import io.github.imagehygiene.common.ImageHygieneException;

/** A parameter the user set is invalid; the message names the parameter and the value. */
public class ConfigurationException extends ImageHygieneException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
