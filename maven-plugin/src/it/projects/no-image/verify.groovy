// no-image: neither <image> nor target/jib-image.tar: one clear error line, no stack trace, no report.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def jibTar = new File(basedir, 'target/jib-image.tar')

support.assertBlock(log, [
        "[ERROR] Failed to execute goal io.github.imagehygiene:image-hygiene-maven-plugin:${pluginVersion}:check (default)" +
                " on project no-image: No image to check: ${jibTar} (Jib's buildTar output) does not exist;" +
                " run jib:buildTar first, or set <image> / -DimageHygiene.image to an archive, an OCI layout folder" +
                " or docker://NAME:TAG -> [Help 1]",
])
support.assertLines(log, ['[INFO] BUILD FAILURE',
                     '[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoExecutionException'])
support.assertNoLineStartingWith(log, '[INFO] Image ', '[INFO] Report: ', '[WARNING]')
support.assertNoStackTrace(log)
assert !log.join('\n').contains('\tat ')
assert !new File(basedir, 'target/image-hygiene').exists()
return true
