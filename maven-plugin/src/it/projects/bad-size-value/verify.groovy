// bad-size-value: <maxSize>lots</maxSize> is rejected before the image is read; no report.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)

support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ bad-size-value ---",
        '[INFO] ------------------------------------------------------------------------',
        '[INFO] BUILD FAILURE',
])
support.assertLines(log, [
        "[ERROR] Failed to execute goal io.github.imagehygiene:image-hygiene-maven-plugin:${pluginVersion}:check (default)" +
                " on project bad-size-value: Invalid value for maxSize: 'lots' is not a size;" +
                " use bytes or a unit (B, KB, MB, GB, KiB, MiB, GiB), e.g. 300MB or 1.5GiB -> [Help 1]",
        '[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoExecutionException',
])
support.assertNoLineStartingWith(log, '[INFO] Image ', '[INFO] Report: ', '[WARNING]')
support.assertNoStackTrace(log)
assert !new File(basedir, 'target/image-hygiene').exists()
return true
