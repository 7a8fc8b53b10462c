package it.vulnerable;

import org.apache.logging.log4j.LogManager;

/** Logs through log4j-core 2.14.1, the one dependency: Log4Shell's version, in the image's /app/libs. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LogManager.getLogger(Main.class).info("vulnerable");
    }
}
