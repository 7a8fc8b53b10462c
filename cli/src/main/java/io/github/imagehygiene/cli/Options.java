package io.github.imagehygiene.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.github.imagehygiene.common.CommaList;
import io.github.imagehygiene.common.ConfigurationException;
import picocli.CommandLine.ParseResult;

/**
 * The options given on the command line, as the values a config file would hold: a comma list becomes a list, pairs
 * a map, inline YAML its tree. Then one reading ({@link Settings}) serves both; a bad element is named by its option.
 */
final class Options {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Options() {
    }

    /** Parameter name to value, for every option given (the baseline command's own too). */
    static Map<String, JsonNode> values(ParseResult check) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        List<String> positional = check.matchedPositionalValue(0, null) == null ? List.of()
                : List.of(check.<String>matchedPositionalValue(0, null));
        if (!positional.isEmpty()) {
            values.put(CliParameter.IMAGE, TextNode.valueOf(positional.get(0)));
        }
        List<CliParameter> parameters = new java.util.ArrayList<>(CliParameter.ALL);
        parameters.add(CliParameter.BASELINE_FILE);
        for (CliParameter p : parameters) {
            if (check.hasMatchedOption(p.option())) {
                values.put(p.name(), value(p, String.valueOf((Object) check.matchedOptionValue(p.option(), ""))));
            }
        }
        return values;
    }

    static JsonNode value(CliParameter p, String text) {
        String where = p.option();
        return switch (p.kind()) {
            case LIST -> list(where, text);
            case MAP -> {
                ObjectNode map = NODES.objectNode();
                for (String pair : CommaList.split(where, text)) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new ConfigurationException("Invalid value for " + where + ": '" + pair
                                + "' is not KEY=VALUE, e.g. maxLayers=WARN");
                    }
                    map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
                yield map;
            }
            case PATTERNS_WITH_REASONS -> list(where, text);
            case STRUCTURED -> ConfigFile.parse(where, text);
            default -> TextNode.valueOf(text);
        };
    }

    private static ArrayNode list(String where, String text) {
        ArrayNode list = NODES.arrayNode();
        CommaList.split(where, text).forEach(list::add);
        return list;
    }
}
