/*
 * Helpers shared by the invoker ITs' verify.groovy scripts (loaded through the script variable
 * `itSupport`, see the maven-invoker-plugin block in pom.xml):
 *
 *   def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
 *
 * They read build.log and report.json, and measure image archives independently of the plugin
 * (JDK gzip + a plain ustar/PAX header walk), so that the numbers an IT hard-codes can be
 * checked against the image itself and against src/test/resources/images/expected.properties.
 */
import java.security.MessageDigest
import java.util.zip.GZIPInputStream
import java.util.zip.GZIPOutputStream

import groovy.json.JsonSlurper

class ItSupport {

    /**
     * The lines of the project's build.log, without line terminators and without Maven's transfer lines
     * ("Downloading from" / "Downloaded from"): where the local repository lacks something (a fresh clone, a new
     * dependency) they appear between any two lines, e.g. right after the mojo header while the plugin's
     * dependencies are resolved. Nothing else is dropped: every warning counts.
     */
    static List<String> log(File basedir) {
        File f = new File(basedir, 'build.log')
        assert f.isFile(): "no build.log in $basedir"
        return (f.getText('UTF-8').replace('\r', '').split('\n', -1) as List<String>).findAll {
            !(it ==~ /\[INFO\] Download(ing|ed) from \S+: .*/)
        }
    }

    /**
     * The plugin's rules, in the order of report.json's rules[]: the ids of the one rule catalogue
     * (io.github.imagehygiene.rules.catalog.RuleCatalog.ids(), read from the core's built classes): the size budgets,
     * the base image policy, the OS and Java checks, layer hygiene, inventory, security. The console lists the ones
     * that ran as rows and the others on its "not set:" and "off:" lines, in this order.
     */
    static final List<String> RULES = catalogue()

    private static List<String> catalogue() {
        // the outer build's root (mvnw sets it); the ITs run in its JVM
        File classes = new File(System.getProperty('maven.multiModuleProjectDirectory', '.'), 'core/target/classes')
        assert new File(classes, 'io/github/imagehygiene/rules/catalog/RuleCatalog.class').isFile(): "no $classes"
        def loader = new URLClassLoader([classes.toURI().toURL()] as URL[], ItSupport.classLoader)
        return (loader.loadClass('io.github.imagehygiene.rules.catalog.RuleCatalog').getMethod('ids').invoke(null)
                as List<String>).asImmutable()
    }

    /** The default-level WARN findings most fixtures have (no USER, no HEALTHCHECK), as the console shows them. */
    static final String NO_ROOT_USER_WARNING = '[WARNING] [noRootUser] the container runs as root: USER is not set;' +
            ' add a non-root USER, e.g. USER 1000:1000, after the steps that need root'
    static final String NO_HEALTHCHECK_WARNING = '[WARNING] [requireHealthcheck] the image has no HEALTHCHECK; add one,' +
            ' e.g. HEALTHCHECK CMD ["/app/healthcheck"], so that the engine can tell a hung container from a healthy one'
    /**
     * What busybox-app's historyLint finding is about: its three RUN steps in a row (src/test/fixtures/busybox-app/
     * Dockerfile, lines 5, 8 and 9; the exec form recorded as its words), the first in layer 2.
     */
    static final Map BUSYBOX_RUNS = [subject: 'consecutiveRun:RUN /bin/busybox --install -s /bin && RUN mkdir -p /app/data' +
            ' && echo hello > /app/hello.txt && dd if=/dev/zero of=/app/data/blob.bin bs=1024 count=100 && RUN rm' +
            ' /app/data/blob.bin', layer: 2, origin: 'unknown']
    /** The fix the dive rules (minEfficiency, maxWastedBytes, maxWastedPercent) append to their messages. */
    static final String DIVE_FIX = 'delete or change files in the same RUN that creates them (a later layer only adds' +
            ' a copy), set mode and owner when copying (COPY --chmod/--chown), and copy only what the image needs' +
            ' (multi-stage build)'

    /**
     * report.json's finding for a console line "[WARNING] [rule] message" (or "[ERROR]   1. [rule] message"), located
     * by {@code where}: its {@code subject} (what it is about; a path, a purl, config:User, image), {@code path} and
     * {@code layer} (when it is about a file), {@code origin} (base, own, unknown; null for the image as a whole) and
     * {@code platform} (default linux/amd64). The fingerprint is computed here as docs/report-format.md defines it.
     */
    static Map finding(String consoleLine, Map where) {
        def w = consoleLine =~ /^\[WARNING\] \[(\w+)\] (.*)$/
        String rule
        String level
        String message
        if (w.matches()) {
            (rule, level, message) = [w.group(1), 'WARN', w.group(2)]
        } else {
            def e = consoleLine =~ /^(?:\[ERROR\] +\d+\. )?\[(\w+)\] (.*)$/
            assert e.matches(): "not a finding line: $consoleLine"
            (rule, level, message) = [e.group(1), 'ERROR', e.group(2)]
        }
        return located([rule: rule, level: level, message: message], where)
    }

    /** A finding [rule, level, message] with its location (see {@link #finding}) and fingerprint, in report order. */
    static Map located(Map f, Map where) {
        assert where.subject != null: "say what the finding of $f.rule is about"
        return [rule       : f.rule, level: f.level, message: f.message, path: where.path, layer: where.layer,
                origin     : where.origin, subject: where.subject,
                fingerprint: fingerprint(f.rule as String, where.subject as String,
                        (where.platform ?: 'linux/amd64') as String)]
    }

    /** docs/report-format.md: the first 128 bits of SHA-256 over rule NUL subject NUL platform, as 32 hex digits. */
    static String fingerprint(String rule, String subject, String platform) {
        return MessageDigest.getInstance('SHA-256').digest((rule + '\u0000' + subject + '\u0000' + platform)
                .getBytes('UTF-8')).encodeHex().toString().substring(0, 32)
    }

    /** The findings most fixtures have: no USER and no HEALTHCHECK, in the config, of the given origin. */
    static List<Map> rootAndHealthcheck(String origin, String platform = 'linux/amd64') {
        return [finding(NO_ROOT_USER_WARNING, [subject: 'config:User', origin: origin, platform: platform]),
                finding(NO_HEALTHCHECK_WARNING, [subject: 'config:Healthcheck', origin: origin, platform: platform])]
    }

    /** Each expected line occurs as a whole line of the log. */
    static void assertLines(List<String> log, List expected) {
        expected = expected.collect { it.toString() }
        List<String> missing = expected.findAll { !log.contains(it) }
        assert missing.isEmpty(): "build.log lacks the line(s):\n" + missing.join('\n') + "\n--- build.log:\n" +
                interesting(log)
    }

    /** The expected lines occur in the log one after the other, in this order, exactly once. */
    static void assertBlock(List<String> log, List expected) {
        expected = expected.collect { it.toString() }
        List<Integer> starts = []
        for (int i = 0; i + expected.size() <= log.size(); i++) {
            if (log.subList(i, i + expected.size()) == expected) {
                starts << i
            }
        }
        assert starts.size() == 1: "expected this block exactly once in build.log (found ${starts.size()}):\n" +
                expected.join('\n') + "\n--- build.log:\n" + interesting(log)
    }

    /**
     * The expected lines occur in the log in this order, other lines possibly in between (a parallel build
     * interleaves the output of its modules); the first one exactly once.
     */
    static void assertInOrder(List<String> log, List expected) {
        expected = expected.collect { it.toString() }
        assert log.count(expected[0]) == 1: "expected exactly once in build.log: ${expected[0]}\n--- build.log:\n" +
                interesting(log)
        int at = log.indexOf(expected[0])
        for (String line : expected.drop(1)) {
            int next = at + 1 + log.subList(at + 1, log.size()).indexOf(line)
            assert next > at: "build.log lacks, after line ${at + 1} (${log[at]}), the line:\n${line}\n--- build.log:\n" +
                    interesting(log)
            at = next
        }
    }

    /** No line of the log starts with one of these prefixes. */
    static void assertNoLineStartingWith(List<String> log, String... prefixes) {
        List<String> found = log.findAll { line -> prefixes.any { line.startsWith(it) } }
        assert found.isEmpty(): "build.log has unexpected line(s):\n" + found.join('\n')
    }

    /** No stack trace: no "\tat " / "    at " frame and no "Caused by:" in the log. */
    static void assertNoStackTrace(List<String> log) {
        List<String> frames = log.findAll { it.startsWith('\tat ') || it ==~ /^\s+at \S+\(.*\)$/ || it ==~ /^\s+at \S+ \(.*\)$/ || it.startsWith('Caused by:') }
        assert frames.isEmpty(): "build.log has a stack trace:\n" + frames.take(10).join('\n')
        assert !log.join('\n').contains('\tat ')
    }

    /** The log, for assertion messages. */
    static String interesting(List<String> log) {
        log.join('\n')
    }

    /** report.json, parsed. */
    static Map report(File reportJson) {
        assert reportJson.isFile(): "no report at $reportJson"
        return new JsonSlurper().parse(reportJson, 'UTF-8') as Map
    }

    /**
     * The report's totals are the sums of its layers, and the fields every report has are there: the sizes
     * equal the sum of layers[].size / compressedSize / contentSize, indexes run 1..n.
     */
    static void assertReportConsistent(Map r) {
        List<Map> layers = r.layers as List<Map>
        assert r.tool == [name: 'image-hygiene-maven-plugin', version: r.tool.version]
        assert r.size.uncompressed == layers.sum { it.size }
        assert r.size.compressed == layers.sum { it.compressedSize }
        assert r.size.content == layers.sum { it.contentSize }
        assert layers*.index == (1..layers.size()).toList()
        assert layers*.base.every { it in [true, false, null] }
        assert r.keySet() as List == ['tool', 'image', 'size', 'layers', 'baseImage', 'os', 'java', 'efficiency',
                                      'wastedBytes', 'userWastedPercent', 'reclaimableBytes', 'reclaimable', 'attribution',
                                      'inventory', 'vulnerabilityCheck', 'vulnerabilities', 'rules', 'findings',
                                      'suppressions', 'verdict']
        // the ITs match against the core's real OSV records (a folder): always read, never "not checked"
        assert r.vulnerabilityCheck.checked == true && r.vulnerabilityCheck.unavailable == null
        // what takes the space: as computed here from the archive's own layers, where the source is a local file
        File source = new File(r.image.source as String)
        if (source.isFile()) {
            assert r.attribution == attribution(source)
        }
        assert r.attribution.totalBytes == r.inventory.fileBytes
        // no suppression file in any IT: the section is there, empty
        assert r.suppressions == [suppressed: [], expired: [], unused: []]
        assert r.reclaimableBytes == (r.reclaimable as List<Map>).sum(0L) { it.bytes } // fewer than 20 items in every IT
        assert (r.rules as List<Map>)*.rule == RULES
        assert r.verdict in ['PASS', 'FAIL']
        // the inventory's bytes: all regular files of the final filesystem, split into attributed and not
        assert r.inventory.attributedBytes + r.inventory.unattributedBytes == r.inventory.fileBytes
    }

    /** sbom.cdx.json, parsed. */
    static Map sbom(File sbomJson) {
        assert sbomJson.isFile(): "no SBOM at $sbomJson"
        return new JsonSlurper().parse(sbomJson, 'UTF-8') as Map
    }

    /**
     * The SBOM describes the image of the report: CycloneDX 1.6 written by this plugin, the image as the metadata
     * component (bom-ref and version its digest, its layers as properties with the report's digests, diff IDs and
     * sizes) on which every other component depends.
     */
    static Map assertSbomOf(File sbomJson, Map report, String pluginVersion) {
        Map b = sbom(sbomJson)
        assert b.bomFormat == 'CycloneDX' && b.specVersion == '1.6' && b.version == 1
        assert b.metadata.tools == [components: [[type   : 'application', name: 'image-hygiene-maven-plugin',
                                                  version: pluginVersion]], services: []]
        Map image = b.metadata.component as Map
        assert image.type == 'container'
        assert image['bom-ref'] == report.image.digest && image.version == report.image.digest
        Map<String, String> props = (image.properties as List<Map>).collectEntries { [(it.name): it.value] }
        assert props['image-hygiene:image:source'] == report.image.source
        assert props['image-hygiene:image:format'] == report.image.format
        assert props['image-hygiene:image:platform'] == report.image.platform
        assert props['image-hygiene:image:configDigest'] == report.image.configDigest
        (report.layers as List<Map>).each { l ->
            assert props["image-hygiene:layer:${l.index}:digest".toString()] == l.digest
            assert props["image-hygiene:layer:${l.index}:diffId".toString()] == l.diffId
            assert props["image-hygiene:layer:${l.index}:size".toString()] == l.size as String
        }
        List<Map> components = (b.components ?: []) as List<Map>
        assert b.dependencies == [[ref: image['bom-ref'], dependsOn: components*.get('bom-ref')]]
        return b
    }

    /** src/test/resources/images/expected.properties (written by the fixture script from docker/skopeo/tar). */
    static Properties facts(String testImages) {
        Properties p = new Properties()
        new File(testImages, 'expected.properties').withInputStream { p.load(it) }
        return p
    }

    /** A ','-separated list of numbers from expected.properties. */
    static List<Long> longs(Properties p, String key) {
        String v = p.getProperty(key)
        assert v != null: "expected.properties has no $key"
        return v.isEmpty() ? [] : v.split(',').collect { it.trim() as long }
    }

    /** A ','-separated list of strings (digests) from expected.properties. */
    static List<String> strings(Properties p, String key) {
        String v = p.getProperty(key)
        assert v != null: "expected.properties has no $key"
        return v.isEmpty() ? [] : v.split(',') as List<String>
    }

    static String sha256(byte[] data) {
        return 'sha256:' + MessageDigest.getInstance('SHA-256').digest(data).encodeHex().toString()
    }

    /**
     * Measures a docker-archive (docker save or Jib buildTar output) without the plugin: its manifest.json, the
     * config digest, and per layer the stored blob (size, sha256), the uncompressed tar stream (length, sha256 =
     * diff ID, and what the JDK's gzip at its default level makes of it: the reference for the plugin's estimate of
     * an uncompressed layer), the number of tar entries and the sum of regular file sizes.
     */
    static Map dockerArchiveFacts(File archive) {
        Map<String, byte[]> files = [:]
        for (Map e : tarEntries(gunzipped(archive.bytes))) {
            if (e.type == 'file') {
                files[normalise(e.name as String)] = e.data as byte[]
            }
        }
        List manifest = new JsonSlurper().parse(files['manifest.json']) as List
        assert manifest.size() == 1: "one image per archive expected in $archive"
        Map m = manifest[0] as Map
        byte[] config = files[normalise(m.Config as String)]
        List<Map> layers = []
        (m.Layers as List<String>).eachWithIndex { String path, int i ->
            byte[] blob = files[normalise(path)]
            assert blob != null: "$archive has no $path"
            boolean gzip = blob.length > 2 && (blob[0] & 0xff) == 0x1f && (blob[1] & 0xff) == 0x8b
            byte[] tar = gzip ? new GZIPInputStream(new ByteArrayInputStream(blob)).bytes : blob
            List<Map> entries = tarEntries(tar)
            layers << [
                    index      : i + 1,
                    blobSize   : (long) blob.length,
                    digest     : sha256(blob),
                    compression: gzip ? 'gzip' : 'none',
                    size       : (long) tar.length,
                    diffId     : sha256(tar),
                    gzipSize   : gzippedSize(tar),
                    files      : entries.size(),
                    contentSize: entries.findAll { it.type == 'file' }.sum(0L) { it.size as long },
            ]
        }
        return [configDigest: sha256(config), repoTags: m.RepoTags ?: [], layers: layers,
                config: new JsonSlurper().parse(config)]
    }

    static long gzippedSize(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream()
        new GZIPOutputStream(out).withCloseable { it.write(data) }
        return out.size()
    }

    private static String normalise(String name) {
        return name.startsWith('./') ? name.substring(2) : name
    }

    /** The bytes, gunzipped when they are gzip (a `docker save | gzip` archive). */
    static byte[] gunzipped(byte[] data) {
        boolean gzip = data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b
        return gzip ? new GZIPInputStream(new ByteArrayInputStream(data)).bytes : data
    }

    /**
     * The final filesystem of a docker-archive, built here from its layers bottom first as a container runtime
     * does: a later entry replaces an earlier one of the same path, a whiteout (.wh.NAME) removes NAME and all
     * beneath it, an opaque whiteout (.wh..wh..opq) empties its directory. Path (no leading "/" or "./") -> the
     * entry: type, size (regular files), data and layer (1-based index of the layer that put it there).
     */
    static Map<String, Map> finalFilesystem(File archive) {
        Map<String, byte[]> files = [:]
        for (Map e : tarEntries(gunzipped(archive.bytes))) {
            if (e.type == 'file') {
                files[normalise(e.name as String)] = e.data as byte[]
            }
        }
        Map<String, Map> fs = new TreeMap<>()
        layerPaths(files).eachWithIndex { String path, int i ->
            List<Map> entries = tarEntries(gunzipped(files[normalise(path)]))
            Map<String, Map> added = [:]
            // the whiteouts act on the layers below, whatever their place in this layer's tar
            for (Map e : entries) {
                String name = normalise(e.name as String).replaceAll(/\/+$/, '')
                int slash = name.lastIndexOf('/')
                String dir = slash < 0 ? '' : name.substring(0, slash + 1)
                String base = name.substring(slash + 1)
                if (base == '.wh..wh..opq') {
                    fs.keySet().removeIf { it.startsWith(dir) }
                } else if (base.startsWith('.wh.')) {
                    String gone = dir + base.substring(4)
                    fs.keySet().removeIf { it == gone || it.startsWith(gone + '/') }
                } else if (!name.isEmpty() && name != '.') {
                    added[name] = [type: e.type, size: e.size, data: e.data, layer: i + 1]
                }
            }
            fs.putAll(added)
        }
        return fs
    }

    /**
     * The layers of an archive's image, bottom first: manifest.json's Layers (docker save, Jib), else the OCI index's
     * first manifest (an OCI layout tar).
     */
    static List<String> layerPaths(Map<String, byte[]> files) {
        if (files.containsKey('manifest.json')) {
            Map m = (new JsonSlurper().parse(files['manifest.json']) as List)[0] as Map
            return (m.Layers ?: m.layers) as List<String>
        }
        Map index = new JsonSlurper().parse(files['index.json']) as Map
        Map manifest = new JsonSlurper().parse(files['blobs/' + (index.manifests[0].digest as String).replace(':', '/')]) as Map
        return (manifest.layers as List<Map>).collect { 'blobs/' + (it.digest as String).replace(':', '/') }
    }

    /** As the plugin writes sizes: bytes below 1 KB, else one decimal of the largest decimal unit (KB, MB, GB). */
    static String human(long bytes) {
        def units = [[1000L * 1000 * 1000, 'GB'], [1000L * 1000, 'MB'], [1000L, 'KB']]
        def u = units.find { Math.abs(bytes) >= (it[0] as long) }
        return u == null ? "${bytes} B" : String.format(Locale.ROOT, '%.1f %s', bytes / (u[0] as long) as double, u[1])
    }

    /**
     * The console's "what takes the space" lines, computed here from the archive's final filesystem: its five largest
     * regular files (with the layer that put each there) and its five largest directories by the bytes of the regular
     * files below them ("/" left out), largest first, ties by path.
     */
    static List<String> largestLines(File archive) {
        Map a = attribution(archive)
        def top = (a.largestFiles as List<Map>).take(5)
        def dirs = (a.largestDirectories as List<Map>).take(5)
        return ['[INFO]   Largest files: ' + (top ? top.collect { "${it.path} ${human(it.size as long)} (#${it.layer})" }.join(', ') : 'none'),
                '[INFO]   Largest directories: ' + (dirs ? dirs.collect { "${it.path} ${human(it.size as long)}" }.join(', ') : 'none')]
                .collect { it.toString() }
    }

    /**
     * report.json's attribution, computed here: the bytes of every regular file of the final filesystem, its 20
     * largest files (and its 500 largest, for diffs) and its 20 largest directories (by the bytes of the regular files below them, "/" left out).
     */
    static Map attribution(File archive) {
        def fs = finalFilesystem(archive)
        def files = fs.findAll { k, v -> v.type == 'file' && (v.size as long) > 0 }
                .collect { k, v -> [path: '/' + k, size: v.size as long, layer: v.layer] }
        def below = [:].withDefault { 0L }
        files.each { f ->
            def parts = (f.path as String).split('/').findAll { it }
            for (int i = 1; i < parts.size(); i++) {
                below['/' + parts[0..<i].join('/')] += f.size
            }
        }
        def order = { a, b -> b.size <=> a.size ?: a.path <=> b.path }
        return [totalBytes: files.sum(0L) { it.size },
                largestFiles: files.sort(false, order).take(20),
                // the 500 largest, kept for a later diff against this report
                files: files.sort(false, order).take(500),
                largestDirectories: below.collect { k, v -> [path: k, size: v] }.sort(false, order).take(20)]
    }

    /** The lines naming every report of a run into {@code target/image-hygiene}, in the order the check logs them. */
    static List<String> allReports(File basedir) {
        return ["[INFO] Report: ${new File(basedir, 'target/image-hygiene/report.json')}".toString(),
                "[INFO] SBOM: ${new File(basedir, 'target/image-hygiene/sbom.cdx.json')}".toString(),
                *moreReports(basedir)]
    }

    /** The console's lines naming the report files after report.json and the SBOM. */
    static List<String> moreReports(File basedir, String folder = 'target/image-hygiene') {
        return ["[INFO] SARIF: ${new File(basedir, folder + '/report.sarif')}",
                "[INFO] JUnit: ${new File(basedir, folder + '/TEST-image-hygiene.xml')}",
                "[INFO] HTML: ${new File(basedir, folder + '/report.html')}",
                "[INFO] Summary: ${new File(basedir, folder + '/summary.md')}"].collect { it.toString() }
    }

    /**
     * The layer-hygiene figures of a docker-archive, computed here from its layers' tar headers as dive defines them
     * (dive/filetree/efficiency.go) and as the final filesystem shows them, for the numbers report.json carries:
     * <ul>
     * <li>per path, the sizes of its copies: every leaf entry of a layer (a directory with entries beneath it in the
     * same layer is no leaf), a file whiteout as a 0-byte copy at its target, a directory whiteout as a copy of the
     * size of the files it deletes; opaque whiteouts add nothing;
     * <li>efficiency = sum of the smallest copies / sum of all copies; wastedBytes = sum of all copies of the paths
     * with two or more; userWastedPercent = wastedBytes / the entry sizes of every layer but the first;
     * <li>reclaimable: each regular file a layer stores that the final filesystem does not show from that layer,
     * with the first later layer that hid it and how (overwritten, metadata (same bytes again), deleted,
     * directory-deleted, opaque), largest first.
     * </ul>
     */
    static Map hygieneFacts(File archive) {
        Map<String, byte[]> files = [:]
        for (Map e : tarEntries(gunzipped(archive.bytes))) {
            if (e.type == 'file') {
                files[normalise(e.name as String)] = e.data as byte[]
            }
        }
        Map m = (new JsonSlurper().parse(files['manifest.json']) as List)[0] as Map
        List<List<Map>> layers = (m.Layers as List<String>).collect { String path ->
            tarEntries(gunzipped(files[normalise(path)])).collect { Map e ->
                [name: normalise(e.name as String).replaceAll(/\/+$/, ''), type: e.type, size: e.size as long,
                 data: e.data]
            }.findAll { it.name && it.name != '.' }
        }
        Map<String, List<Long>> copies = new TreeMap<>()
        Map<String, Map> stacked = new TreeMap<>() // path -> [layer, size, data] of the regular files visible so far
        List<Map> stored = []                       // every regular file a layer stores
        layers.eachWithIndex { List<Map> entries, int i ->
            int layer = i + 1
            Set<String> parents = entries.collectMany { Map e ->
                List<String> ps = []
                String n = e.name as String
                while (n.contains('/')) {
                    n = n.substring(0, n.lastIndexOf('/'))
                    ps << n
                }
                ps
            } as Set<String>
            Map<String, Map> added = [:]
            for (Map e : entries) {
                String name = e.name
                int slash = name.lastIndexOf('/')
                String dir = slash < 0 ? '' : name.substring(0, slash + 1)
                String base = name.substring(slash + 1)
                if (base == '.wh..wh..opq') {
                    stacked.keySet().removeIf { it.startsWith(dir) }
                } else if (base.startsWith('.wh.')) {
                    String gone = dir + base.substring(4)
                    long subtree = stacked.findAll { k, v -> k.startsWith(gone + '/') }.values().sum(0L) { it.size } as long
                    copies.computeIfAbsent(gone) { [] } << subtree
                    stacked.keySet().removeIf { it == gone || it.startsWith(gone + '/') }
                } else {
                    if (!(e.type == 'dir' && parents.contains(name))) {
                        copies.computeIfAbsent(name) { [] } << (e.size as long)
                    }
                    if (e.type == 'file') {
                        added[name] = [layer: layer, size: e.size, data: e.data]
                        stored << [path: name, bytes: e.size, addedIn: layer, data: e.data]
                    } else {
                        stacked.remove(name)
                    }
                }
            }
            // a file replaces the directory it is written over, and everything beneath it
            added.keySet().each { String p -> stacked.keySet().removeIf { it.startsWith(p + '/') } }
            stacked.putAll(added)
        }
        long all = copies.values().sum(0L) { it.sum(0L) } as long
        long min = copies.values().sum(0L) { it.min() } as long
        long wasted = copies.values().findAll { it.size() >= 2 }.sum(0L) { it.sum(0L) } as long
        long user = layers.drop(1).sum(0L) { List<Map> l -> l.sum(0L) { it.size } } as long
        List<Map> reclaimable = stored.findAll { s -> stacked[s.path]?.layer != s.addedIn }.collect { Map s ->
            String path = s.path
            for (int j = (s.addedIn as int); j < layers.size(); j++) {
                for (Map e : layers[j]) {
                    String n = e.name as String
                    int slash = n.lastIndexOf('/')
                    String dir = slash < 0 ? '' : n.substring(0, slash + 1)
                    String base = n.substring(slash + 1)
                    String how = null
                    if (n == path) {
                        how = e.type == 'file' && Arrays.equals(e.data as byte[], s.data as byte[]) ? 'metadata' : 'overwritten'
                    } else if (base == '.wh..wh..opq' && path.startsWith(dir)) {
                        how = 'opaque'
                    } else if (base.startsWith('.wh.') && dir + base.substring(4) == path) {
                        how = 'deleted'
                    } else if (base.startsWith('.wh.') && path.startsWith(dir + base.substring(4) + '/')) {
                        how = 'directory-deleted'
                    } else if (path.startsWith(n + '/') && e.type != 'dir') {
                        how = 'overwritten'
                    }
                    if (how) {
                        return [path: '/' + path, bytes: s.bytes, addedIn: s.addedIn, hiddenIn: j + 1, how: how]
                    }
                }
            }
            assert false: "no layer above #${s.addedIn} hides $path"
        }.sort { a, b -> b.bytes <=> a.bytes ?: a.path <=> b.path ?: a.addedIn <=> b.addedIn }
        return [efficiency       : all == 0 ? 1.0d : (double) min / (double) all,
                wastedBytes      : wasted,
                userWastedPercent: user == 0 ? 0.0d : (double) wasted / (double) user,
                sizeBytes        : all,
                userSizeBytes    : user,
                reclaimableBytes : reclaimable.sum(0L) { it.bytes } as long,
                reclaimable      : reclaimable,
                inefficient      : copies.findAll { k, v -> v.size() >= 2 }.collectEntries { k, v -> ['/' + k, v] }]
    }

    /** The bytes of all regular files of a final filesystem: what an inventory attributes to packages or to none. */
    static long fileBytes(Map<String, Map> fs) {
        return fs.values().findAll { it.type == 'file' }.sum(0L) { it.size as long } as long
    }

    /**
     * The entries of a tar stream: ustar/GNU headers, PAX ('x', 'g') and GNU long-name ('L', 'K') records are
     * applied to the next entry and not counted themselves. type: file, dir, symlink, hardlink or other.
     */
    static List<Map> tarEntries(byte[] tar) {
        List<Map> out = []
        int off = 0
        String longName = null
        Map<String, String> pax = [:]
        while (off + 512 <= tar.length) {
            byte[] h = Arrays.copyOfRange(tar, off, off + 512)
            if (h.every { it == 0 }) {
                break
            }
            String name = cstring(h, 0, 100)
            long size = octal(h, 124, 12)
            char flag = (char) (h[156] & 0xff)
            String magic = cstring(h, 257, 6)
            if (magic == 'ustar') {
                String prefix = cstring(h, 345, 155)
                if (prefix) {
                    name = prefix + '/' + name
                }
            }
            int dataStart = off + 512
            int dataEnd = (int) (dataStart + size)
            assert dataEnd <= tar.length: "truncated tar entry $name"
            byte[] data = Arrays.copyOfRange(tar, dataStart, dataEnd)
            off = dataStart + (int) ((size + 511).intdiv(512) * 512)
            if (flag == 'x' as char) {
                pax = parsePax(data)
                continue
            }
            if (flag == 'g' as char) {
                continue
            }
            if (flag == 'L' as char) {
                longName = new String(data, 'UTF-8').replaceAll(/\u0000+$/, '')
                continue
            }
            if (flag == 'K' as char) {
                continue
            }
            if (longName != null) {
                name = longName
                longName = null
            }
            if (pax.path) {
                name = pax.path
            }
            pax = [:]
            String type = flag == '0' as char || flag == (char) 0 || flag == '7' as char ? 'file'
                    : flag == '5' as char ? 'dir' : flag == '2' as char ? 'symlink' : flag == '1' as char ? 'hardlink' : 'other'
            out << [name: name, type: type, size: type == 'file' ? size : 0L, data: data]
        }
        return out
    }

    private static Map<String, String> parsePax(byte[] data) {
        Map<String, String> m = [:]
        String s = new String(data, 'UTF-8')
        int i = 0
        while (i < s.length()) {
            int sp = s.indexOf(' ', i)
            int len = s.substring(i, sp) as int
            String rec = s.substring(sp + 1, i + len - 1)
            int eq = rec.indexOf('=')
            m[rec.substring(0, eq)] = rec.substring(eq + 1)
            i += len
        }
        return m
    }

    private static String cstring(byte[] h, int from, int len) {
        int end = from
        while (end < from + len && h[end] != 0) {
            end++
        }
        return new String(h, from, end - from, 'UTF-8')
    }

    private static long octal(byte[] h, int from, int len) {
        String s = cstring(h, from, len).trim()
        return s.isEmpty() ? 0L : Long.parseLong(s, 8)
    }
}
