package io.github.imagehygiene.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.CollectionType;

import io.github.imagehygiene.analysis.base.BuildHints;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.settings.ConfigAssertionsParam;
import io.github.imagehygiene.settings.FileAssertionParam;

/**
 * The parameters' values (from the config file and the command line) into the core's settings, as the Maven goal
 * hands its parameters over: the same builder, the same names, the same defaults (the working folder stands for the
 * project folder: relative paths, the Dockerfile, the suppression file and {@code target/image-hygiene} are its).
 */
final class Settings {
    private static final ObjectMapper BEANS = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Settings() {
    }

    /**
     * @param configFile the config file the values came from, if any (SARIF points at it when there is no
     *                   Dockerfile)
     * @param stepSummary GitHub's GITHUB_STEP_SUMMARY, or null
     */
    static void apply(Map<String, JsonNode> values, CheckSettings.Builder b, Path cwd, Path configFile,
            Path stepSummary) {
        String image = text(values, CliParameter.IMAGE);
        if (image == null || image.isBlank()) {
            throw new ConfigurationException("No image to check: give IMAGE (an archive, an OCI layout folder or"
                    + " docker://NAME:TAG), or image: in the config file");
        }
        Path dockerfile = path(values, "dockerfile", cwd);
        if (dockerfile == null && Files.isRegularFile(cwd.resolve("Dockerfile"))) {
            dockerfile = cwd.resolve("Dockerfile");
        }
        Path reports = path(values, "reportDirectory", cwd);
        b.image(location(values, CliParameter.IMAGE, cwd))
                .platform(text(values, "platform"))
                .dockerHost(text(values, "dockerHost"))
                .timeout(text(values, "timeout"))
                .threads(integer(values, "threads"))
                .estimateCompressedSize(bool(values, "estimateCompressedSize"))
                .layerCache(layerCache(values, cwd))
                .layerCacheMaxSize(text(values, "layerCacheMaxSize"))
                .maxSize(text(values, "maxSize"))
                .maxCompressedSize(text(values, "maxCompressedSize"))
                .maxLayerSize(text(values, "maxLayerSize"))
                .maxLayers(integer(values, "maxLayers"))
                .baseline(location(values, "baseline", cwd))
                .maxGrowth(text(values, "maxGrowth"))
                .maxCompressedGrowth(text(values, "maxCompressedGrowth"))
                .newFindingsOnly(bool(values, "newFindingsOnly"))
                .levels(map(values, "levels"))
                .allowedBaseImages(list(values, "allowedBaseImages"))
                .deniedBaseImages(withReasons(values, "deniedBaseImages", "image"))
                .requirePinnedBase(text(values, "requirePinnedBase"))
                .baseImages(list(values, "baseImages"))
                .countBaseLayers(bool(values, "countBaseLayers"))
                .buildHints(new BuildHints(null, null, null, dockerfile, cwd))
                .allowedOperatingSystems(list(values, "allowedOperatingSystems"))
                .eolData(path(values, "eolData", cwd))
                .eolWarningDays(integer(values, "eolWarningDays"))
                .minJavaVersion(text(values, "minJavaVersion"))
                .allowedJavaVendors(list(values, "allowedJavaVendors"))
                .minEfficiency(decimal(values, "minEfficiency"))
                .maxWastedBytes(text(values, "maxWastedBytes"))
                .maxWastedPercent(decimal(values, "maxWastedPercent"))
                .maxReclaimable(text(values, "maxReclaimable"))
                .packageCacheThreshold(text(values, "packageCacheThreshold"))
                .ignorePaths(list(values, "ignorePaths"))
                .deniedPackages(withReasons(values, "deniedPackages", "match"))
                .maxPackageSize(text(values, "maxPackageSize"))
                .vulnerabilityDatabase(databaseLocation(text(values, "vulnerabilityDatabase"), cwd))
                .vulnerabilityCache(pathText(values, "vulnerabilityCache", cwd))
                .vulnerabilityDatabaseMaxAge(text(values, "vulnerabilityDatabaseMaxAge"))
                .failOnSeverity(text(values, "failOnSeverity"))
                .failOnUnfixed(bool(values, "failOnUnfixed"))
                // a command line has no project: the local repository is where its jars are known, when there is one
                .mavenRepository(text(values, "mavenRepository"))
                .defaultMavenRepository(Path.of(System.getProperty("user.home"), ".m2", "repository"))
                .security(s -> s.acceptKeys(list(values, "acceptKeys"))
                        .allowedSetuidFiles(list(values, "allowedSetuidFiles"))
                        .allowedWorldWritable(list(values, "allowedWorldWritable"))
                        .secretScanMaxFileSize(text(values, "secretScanMaxFileSize"))
                        .secretScanExcludes(list(values, "secretScanExcludes"))
                        .configAssertions(configAssertions(values))
                        .fileAssertions(fileAssertions(values)))
                .suppressionFile(path(values, "suppressions", cwd))
                .projectDirectory(cwd)
                .buildFile(configFile)
                .stepSummary(stepSummary)
                .sbom(bool(values, "sbom"))
                .formats(list(values, "formats"))
                .reportDirectory(reports != null ? reports : cwd.resolve("target").resolve("image-hygiene"));
    }

    /** A folder as text, the working folder's when relative ({@code ~/} left to the core). */
    /** A folder relative to the working folder, or none. */
    private static String layerCache(Map<String, JsonNode> values, Path cwd) {
        String v = text(values, "layerCache");
        return v != null && v.strip().equalsIgnoreCase("none") ? v : pathText(values, "layerCache", cwd);
    }

    private static String pathText(Map<String, JsonNode> values, String name, Path cwd) {
        String v = text(values, name);
        if (v == null || v.isBlank() || v.startsWith("~/") || Path.of(v).isAbsolute()) {
            return v;
        }
        return cwd.resolve(v).normalize().toString();
    }

    /** A URL as written; a folder relative to the working folder. */
    private static String databaseLocation(String v, Path cwd) {
        if (v == null || v.isBlank() || v.matches("(?i)^[a-z][a-z0-9+.-]*://.*")) {
            return v;
        }
        return Path.of(v).isAbsolute() ? v : cwd.resolve(v).normalize().toString();
    }

    /** As the goal does: a relative path is the working folder's, normalised; absolute or docker:// as written. */
    private static String location(Map<String, JsonNode> values, String name, Path cwd) {
        String v = text(values, name);
        if (v == null || v.isBlank()) {
            return null;
        }
        return v.startsWith("docker://") || Path.of(v).isAbsolute() ? v : cwd.resolve(v).normalize().toString();
    }

    private static String text(Map<String, JsonNode> values, String name) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new ConfigurationException("Invalid value for " + name + ": expected one value, not " + v);
        }
        return v.asText();
    }

    private static Integer integer(Map<String, JsonNode> values, String name) {
        String t = text(values, name);
        try {
            return t == null ? null : Integer.valueOf(t.strip());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Invalid value for " + name + ": '" + t + "' is not a whole number");
        }
    }

    private static Double decimal(Map<String, JsonNode> values, String name) {
        String t = text(values, name);
        try {
            return t == null ? null : Double.valueOf(t.strip());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Invalid value for " + name + ": '" + t + "' is not a number");
        }
    }

    private static Boolean bool(Map<String, JsonNode> values, String name) {
        JsonNode v = values.get(name);
        return v == null || v.isNull() ? null : bool(name, v);
    }

    static boolean bool(String name, JsonNode v) {
        Boolean b = io.github.imagehygiene.common.Flag.parse(name, v.asText());
        if (b == null) {
            throw new ConfigurationException("Invalid value for " + name + ": '' is neither true nor false");
        }
        return b;
    }

    private static Path path(Map<String, JsonNode> values, String name, Path cwd) {
        String t = text(values, name);
        return t == null ? null : cwd.resolve(t).normalize();
    }

    /** A YAML list, or one value as a list of one. */
    private static List<String> list(Map<String, JsonNode> values, String name) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (!e.isValueNode()) {
                    throw new ConfigurationException("Invalid value for " + name + ": element " + (out.size() + 1)
                            + " is not a plain value: " + e);
                }
                out.add(e.asText());
            }
        } else if (v.isValueNode()) {
            out.add(v.asText());
        } else {
            throw new ConfigurationException("Invalid value for " + name + ": expected a list, not " + v);
        }
        return out;
    }

    private static Map<String, String> map(Map<String, JsonNode> values, String name) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new ConfigurationException("Invalid value for " + name + ": expected a map, e.g. {maxLayers: WARN}");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /**
     * Patterns with optional reasons: {@code PATTERN=REASON} texts (the command line's form, as the goal's
     * comma-separated property), or maps with the pattern under {@code key} and a {@code reason} (the pom's form).
     * Denied packages take no reason in the text form: a purl's qualifiers hold '='.
     */
    private static Map<String, String> withReasons(Map<String, JsonNode> values, String name, String key) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        int n = 0;
        for (JsonNode e : v.isArray() ? v : List.of(v)) {
            n++;
            if (e.isObject()) {
                JsonNode pattern = e.get(key);
                if (pattern == null || !pattern.isValueNode()) {
                    throw new ConfigurationException("Invalid value for " + name + ": element " + n + " has no "
                            + key);
                }
                out.put(pattern.asText(), e.hasNonNull("reason") ? e.get("reason").asText() : null);
            } else if (key.equals("image")) {
                String t = e.asText();
                int eq = t.indexOf('=');
                out.put(eq < 0 ? t : t.substring(0, eq).strip(), eq < 0 ? null : t.substring(eq + 1).strip());
            } else {
                out.put(e.asText(), null);
            }
        }
        return out;
    }

    private static io.github.imagehygiene.rules.security.ConfigAssertions configAssertions(
            Map<String, JsonNode> values) {
        JsonNode v = values.get("configAssertions");
        if (v == null || v.isNull()) {
            return null;
        }
        return bean("configAssertions", v, ConfigAssertionsParam.class).toCore();
    }

    private static List<io.github.imagehygiene.rules.security.FileAssertion> fileAssertions(
            Map<String, JsonNode> values) {
        JsonNode v = values.get("fileAssertions");
        if (v == null || v.isNull()) {
            return null;
        }
        CollectionType type = BEANS.getTypeFactory().constructCollectionType(List.class, FileAssertionParam.class);
        try {
            return FileAssertionParam.toCore(BEANS.convertValue(v.isArray() ? v : BEANS.createArrayNode().add(v),
                    type));
        } catch (IllegalArgumentException e) {
            throw invalid("fileAssertions", e);
        }
    }

    private static <T> T bean(String name, JsonNode v, Class<T> type) {
        try {
            return BEANS.convertValue(v, type);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e);
        }
    }

    /**
     * A value that does not fit the parameter's shape, said by the field and what it takes ("fileAssertions[0].uid:
     * expected a whole number"), not by Jackson's classes; Jackson's first line when it names no field.
     */
    private static ConfigurationException invalid(String name, IllegalArgumentException e) {
        if (e.getCause() instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return new ConfigurationException("Invalid value for " + name + ": " + field(u)
                    + " is no field of it; the fields are " + String.join(", ", u.getKnownPropertyIds().stream()
                            .map(String::valueOf).sorted().toList()));
        }
        if (e.getCause() instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m
                && m.getTargetType() != null && !m.getPath().isEmpty()) {
            return new ConfigurationException("Invalid value for " + name + ": " + field(m) + " must be "
                    + expected(m.getTargetType()));
        }
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return new ConfigurationException("Invalid value for " + name + ": " + (nl < 0 ? m : m.substring(0, nl))
                .replaceAll(" \\(class io\\.github\\.imagehygiene\\.settings\\.\\w+\\)", ""));
    }

    /** The field's path in the parameter's value: "env", "[0].uid". */
    private static String field(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            sb.append(r.getFieldName() == null ? "[" + r.getIndex() + "]"
                    : (sb.length() == 0 ? "" : ".") + r.getFieldName());
        }
        return sb.toString();
    }

    private static String expected(Class<?> type) {
        if (Map.class.isAssignableFrom(type)) {
            return "a map (KEY: value)";
        } else if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        } else if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        } else if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        } else if (type == String.class) {
            return "a text";
        }
        return "a " + type.getSimpleName().replace("Param", "");
    }
}
