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

import groovy.json.JsonSlurper

class ItSupport {

    /**
     * The lines of the project's build.log, without line terminators and without Maven's transfer lines
     * ("Downloading from" / "Downloaded from"): where the local repository lacks something (a fresh clone, a new
     * dependency) they appear between any two lines, e.g. right after the mojo header while the plugin's
     * dependencies are resolved.
     */
    static List<String> log(File basedir) {
        File f = new File(basedir, 'build.log')
        assert f.isFile(): "no build.log in $basedir"
        return (f.getText('UTF-8').replace('\r', '').split('\n', -1) as List<String>).findAll {
            !(it ==~ /\[INFO\] Download(ing|ed) from \S+: .*/)
        }
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
        assert (r.rules as List<Map>)*.rule == ['maxSize', 'maxCompressedSize', 'maxLayerSize', 'maxLayers']
        assert r.verdict in ['PASS', 'FAIL']
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
     * diff ID), the number of tar entries and the sum of regular file sizes.
     */
    static Map dockerArchiveFacts(File archive) {
        Map<String, byte[]> files = [:]
        for (Map e : tarEntries(archive.bytes)) {
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
                    files      : entries.size(),
                    contentSize: entries.findAll { it.type == 'file' }.sum(0L) { it.size as long },
            ]
        }
        return [configDigest: sha256(config), repoTags: m.RepoTags ?: [], layers: layers,
                config: new JsonSlurper().parse(config)]
    }

    private static String normalise(String name) {
        return name.startsWith('./') ? name.substring(2) : name
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
