package io.github.imagehygiene.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.github.imagehygiene.common.ClosestName;
import io.github.imagehygiene.common.ConfigurationException;

/**
 * {@code --config FILE}: the goal's parameters as YAML or JSON (JSON is YAML), keyed by the goal's names, lists and
 * maps written as YAML writes them:
 *
 * <pre>
 * maxSize: 300MB
 * allowedBaseImages: [amazoncorretto:17.*-al2023]
 * deniedBaseImages:
 *   - {image: "openjdk:*", reason: deprecated upstream}
 * levels: {maxLayers: WARN}
 * fileAssertions:
 *   - {path: /root/.ssh, exists: false}
 * </pre>
 */
final class ConfigFile {
    private static final ObjectMapper YAML = new YAMLMapper();

    private ConfigFile() {
    }

    /** The file's parameters; an unknown key fails, naming the closest parameter. */
    static Map<String, JsonNode> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("Config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read config file " + file + ": " + e.getMessage());
        }
        JsonNode root = parse("config file " + file, text);
        if (root.isMissingNode() || root.isNull()) {
            return Map.of();
        }
        if (!root.isObject()) {
            throw new ConfigurationException("Config file " + file + " must hold a map of parameters, e.g."
                    + " 'maxSize: 300MB'");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals(CliParameter.IMAGE) && CliParameter.named(e.getKey()) == null) {
                String closest = closest(e.getKey());
                throw new ConfigurationException("Unknown parameter '" + e.getKey() + "' in " + file
                        + (closest == null ? "" : " (did you mean '" + closest + "'?)"));
            }
            values.put(e.getKey(), e.getValue());
        }
        return values;
    }

    /** YAML (or JSON) text as a tree. */
    static JsonNode parse(String where, String text) {
        try {
            JsonNode node = YAML.readTree(text);
            return node == null ? YAML.missingNode() : node;
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("Invalid YAML in " + where + ": "
                    + io.github.imagehygiene.common.YamlProblem.of(e));
        }
    }

    /** A boolean parameter's value, or the default. */
    static boolean bool(Map<String, JsonNode> values, String name, boolean otherwise) {
        JsonNode v = values.get(name);
        return v == null ? otherwise : Settings.bool(name, v);
    }

    private static String closest(String key) {
        List<String> names = new ArrayList<>();
        CliParameter.ALL.forEach(p -> names.add(p.name()));
        names.add(CliParameter.BASELINE_FILE.name());
        return ClosestName.of(key.replace("-", ""), names);
    }
}
