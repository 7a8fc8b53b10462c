package it.identity;

import org.apache.commons.logging.LogFactory;

/** Logs through spring-jcl, the one dependency: a jar without pom.properties in the image's /app/libs. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LogFactory.getLog(Main.class).info("identified");
    }
}
