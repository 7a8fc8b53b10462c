// jib-custom-tar: Jib's <outputPaths><tar> is target/images/app-image.tar; image-hygiene:check has no <image> and
// checks that tar (not the default target/jib-image.tar, which does not exist).
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def tar = new File(basedir, 'target/images/app-image.tar')
assert tar.isFile() && !new File(basedir, 'target/jib-image.tar').exists()
def facts = support.dockerArchiveFacts(tar)
assert facts.repoTags == ['image-hygiene-it/jib-custom-tar:1.0']

support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ jib-custom-tar ---",
        "[INFO] Image ${tar} (docker-archive, linux/amd64)",
        "[INFO]   digest ${facts.configDigest}, tags image-hygiene-it/jib-custom-tar:1.0",
])
support.assertLines(log, [
        '[INFO]     PASS  maxSize             582 B of 300 MB',
        '[INFO]   Verdict: PASS',
        '[INFO] BUILD SUCCESS',
])
support.assertNoLineStartingWith(log, '[ERROR]')
def r = support.report(new File(basedir, 'target/image-hygiene/report.json'))
support.assertReportConsistent(r)
assert r.image.source == tar.path
assert r.image.configDigest == facts.configDigest
assert r.size.content == facts.layers.sum { it.contentSize }
return true
