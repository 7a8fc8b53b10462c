package io.github.imagehygiene.archive;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.imagehygiene.image.HistoryEntry;
import io.github.imagehygiene.image.ImageConfig;

/** Reads an image config blob (OCI or Docker) into {@link ImageConfig}. */
final class ConfigParser {
    private ConfigParser() {
    }

    static ImageConfig parse(JsonNode root) {
        JsonNode c = root.path("config");
        List<HistoryEntry> history = new ArrayList<>();
        for (JsonNode h : root.path("history")) {
            history.add(new HistoryEntry(text(h, "created"), text(h, "created_by"), text(h, "comment"),
                    h.path("empty_layer").asBoolean(false)));
        }
        List<String> diffIds = strings(root.path("rootfs").path("diff_ids"));
        JsonNode health = c.path("Healthcheck").path("Test");
        return new ImageConfig(text(root, "os"), text(root, "architecture"), text(root, "variant"),
                text(root, "created"), text(c, "User"), strings(c.path("Env")), strings(c.path("Entrypoint")),
                strings(c.path("Cmd")), text(c, "WorkingDir"), stringMap(c.path("Labels")),
                keys(c.path("ExposedPorts")), keys(c.path("Volumes")), health.isArray() ? strings(health) : List.of(),
                diffIds, List.copyOf(history));
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(v -> out.add(v.asText()));
        } else if (array.isTextual()) {
            out.add(array.asText());
        }
        return List.copyOf(out);
    }

    static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        if (object.isObject()) {
            object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static List<String> keys(JsonNode object) {
        List<String> out = new ArrayList<>();
        if (object.isObject()) {
            for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
                out.add(it.next());
            }
        }
        out.sort(null);
        return List.copyOf(out);
    }
}
