// docker-daemon-input: docker://image-hygiene/busybox-app:1.0 streamed from the daemon (loaded by prebuild.groovy
// from busybox-app.docker.tar), within maxSize 3MB, maxLayerSize 2MiB and maxLayers 4. The sizes the plugin measures
// (maxSize, maxLayerSize, the SIZE column) are the daemon's own: docker image inspect's .Size, docker history's sizes.
import java.util.concurrent.TimeUnit

def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def p = support.facts(testImages)
def host = System.getenv('DOCKER_HOST') ?: 'unix:///tmp/image-hygiene-docker/docker.sock'

// What the daemon itself says about the image: its ID (config digest) and .Size (sum of the layers' file sizes).
def pb = new ProcessBuilder('docker', 'image', 'inspect', '--format', '{{.Id}} {{.Size}} {{len .RootFS.Layers}}',
        'image-hygiene/busybox-app:1.0').redirectErrorStream(true)
pb.environment().put('DOCKER_HOST', host)
def proc = pb.start()
def inspect = proc.inputStream.getText('UTF-8').trim()
assert proc.waitFor(60, TimeUnit.SECONDS) && proc.exitValue() == 0: "docker image inspect failed: $inspect"
def (id, dockerSize, dockerLayers) = inspect.split(' ')
assert id == p.getProperty('busybox-app.docker.configDigest')
assert dockerSize as long == p.getProperty('busybox-app.docker.totalSize') as long // 2,084,662
assert dockerLayers as int == 4

// docker history's size of every history entry (bytes, newest first), the layer-creating entries picked out by the
// config's history (empty_layer): the size of each layer as the daemon states it.
def historyProc = new ProcessBuilder('docker', 'history', '--human=false', '--no-trunc', '--format', '{{.Size}}',
        'image-hygiene/busybox-app:1.0').redirectErrorStream(true)
historyProc.environment().put('DOCKER_HOST', host)
def hproc = historyProc.start()
def historyOut = hproc.inputStream.getText('UTF-8').trim()
assert hproc.waitFor(60, TimeUnit.SECONDS) && hproc.exitValue() == 0: "docker history failed: $historyOut"
def historySizes = historyOut.readLines().collect { it.trim() as long }.reverse()
def configHistory = support.dockerArchiveFacts(new File(testImages, 'busybox-app.docker.tar')).config.history as List<Map>
assert historySizes.size() == configHistory.size()
def dockerLayerSizes = [historySizes, configHistory].transpose().findAll { size, h -> !h.empty_layer }.collect { it[0] }
assert dockerLayerSizes == support.longs(p, 'busybox-app.docker.contentSizes') // [1982256, 0, 102406, 0]
assert dockerLayerSizes.sum() == dockerSize as long                           // 2.1 MB, within 3 MB
assert dockerLayerSizes.max() == 1982256L && 1982256L / 1024 / 1024 < 2  // the largest layer, 1.9 MiB of 2 MiB
assert support.longs(p, 'busybox-app.docker.uncompressedSizes') == [1984512L, 138752L, 105984L, 2560L] // tar streams
assert p.getProperty('busybox-app.docker.createdBy').startsWith('/bin/sh -c #(nop) COPY file:73e2b2d48642')

support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ docker-daemon-input ---",
        '[INFO] Image docker://image-hygiene/busybox-app:1.0 (docker-daemon, linux/amd64)',
        "[INFO]   digest ${id}, tags image-hygiene/busybox-app:1.0",
        '[INFO]      #        SIZE  COMPRESSED    FILES  CREATED BY',
        '[INFO]      1      2.0 MB      1.0 MB        2  COPY file:73e2b2d48642 in /bin/busybox',
        '[INFO]      2         0 B      3.4 KB      269  /bin/busybox --install -s /bin',
        '[INFO]      3    102.4 KB       333 B        4  RUN mkdir -p /app/data && echo hello > /app/hello.txt && ...',
        '[INFO]      4         0 B       157 B        3  RUN rm /app/data/blob.bin',
        '[INFO]    all      2.1 MB      1.0 MB      278  4 layers; compressed sizes of uncompressed layers are gzip estimates',
        '[INFO]   Rules:',
        '[INFO]     PASS     maxSize            2.1 MB of 3 MB',
        '[INFO]     NOT SET  maxCompressedSize  1.0 MB (gzip estimate), no budget set',
        '[INFO]     PASS     maxLayerSize       largest layer 1.9 MiB of 2 MiB',
        '[INFO]     PASS     maxLayers          4 of 4 layers',
        '[INFO]   Verdict: PASS',
        "[INFO] Report: ${new File(basedir, 'target/image-hygiene/report.json')}",
])
support.assertLines(log, ['Loaded image: image-hygiene/busybox-app:1.0', '[INFO] BUILD SUCCESS'])
support.assertNoLineStartingWith(log, '[WARNING]', '[ERROR]')

def r = support.report(new File(basedir, 'target/image-hygiene/report.json'))
support.assertReportConsistent(r)
assert r.image == [source: 'docker://image-hygiene/busybox-app:1.0', format: 'docker-daemon', digest: id,
                   configDigest: id, platform: 'linux/amd64', repoTags: ['image-hygiene/busybox-app:1.0']]
assert r.size == [uncompressed: 2231808, compressed: 1035499, compressedEstimated: true, content: dockerSize as long]
assert r.size.content == dockerSize as long             // what maxSize measured: docker image inspect .Size
assert r.layers*.contentSize == dockerLayerSizes        // what maxLayerSize and the SIZE column measured: docker history
assert r.layers*.digest == support.strings(p, 'busybox-app.docker.layerDigests')
assert r.layers*.diffId == support.strings(p, 'busybox-app.docker.diffIds')
assert r.layers*.blobSize == support.longs(p, 'busybox-app.docker.compressedSizes')
assert r.layers*.size == support.longs(p, 'busybox-app.docker.uncompressedSizes')
assert r.layers*.contentSize == support.longs(p, 'busybox-app.docker.contentSizes')
assert r.layers*.files == support.longs(p, 'busybox-app.docker.files')
assert r.layers*.compression == ['none', 'none', 'none', 'none']
assert r.layers*.compressedSize == [1031604, 3405, 333, 157] // gzip estimates, as for the same archive on disk
assert r.layers*.createdBy == p.getProperty('busybox-app.docker.createdBy').split(/\|/) as List
assert r.rules == [
        [rule: 'maxSize', level: 'ERROR', status: 'PASS', summary: '2.1 MB of 3 MB'],
        [rule: 'maxCompressedSize', level: 'ERROR', status: 'NOT_SET', summary: '1.0 MB (gzip estimate), no budget set'],
        [rule: 'maxLayerSize', level: 'ERROR', status: 'PASS', summary: 'largest layer 1.9 MiB of 2 MiB'],
        [rule: 'maxLayers', level: 'ERROR', status: 'PASS', summary: '4 of 4 layers'],
]
assert r.findings == []
assert r.verdict == 'PASS'
return true
