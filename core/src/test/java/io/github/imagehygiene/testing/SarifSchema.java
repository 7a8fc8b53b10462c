package io.github.imagehygiene.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The OASIS SARIF 2.1.0 schema in ../shared/schemas, read from there (never copied in). */
public final class SarifSchema {
    public static final Path SCHEMA = Path.of(System.getProperty("imageHygiene.fixtures", "../../shared/fixtures"))
            .resolveSibling("schemas").resolve("sarif-schema-2.1.0.json");

    private SarifSchema() {
    }

    /** What the schema says is wrong with {@code sarif}; the test is skipped, visibly, when the schema is absent. */
    public static List<String> errors(JsonNode sarif) throws IOException {
        if (!Files.isRegularFile(SCHEMA)) {
            String message = "SKIPPED: the SARIF schema " + SCHEMA.toAbsolutePath() + " is absent";
            System.err.println(message);
            org.junit.jupiter.api.Assumptions.assumeTrue(false, message);
        }
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(new ObjectMapper().readTree(SCHEMA.toFile()));
        List<String> errors = new ArrayList<>();
        for (ValidationMessage m : schema.validate(sarif)) {
            errors.add(m.getMessage());
        }
        return errors;
    }
}
