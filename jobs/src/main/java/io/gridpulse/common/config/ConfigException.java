package io.gridpulse.common.config;

/** A configuration value that stops the start-up; the message names the key and what is wrong. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
