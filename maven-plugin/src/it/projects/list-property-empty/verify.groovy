// list-property-empty: -DimageHygiene.allowedBaseImages=debian:12,,alpine:3.20 (test.properties), no POM. The empty
// element is named by its place and the property, in one line, before any image is read.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)

support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default-cli) @ standalone-pom ---",
        '[INFO] ------------------------------------------------------------------------',
        '[INFO] BUILD FAILURE',
])
support.assertLines(log, [
        "[ERROR] Failed to execute goal io.github.imagehygiene:image-hygiene-maven-plugin:${pluginVersion}:check" +
                ' (default-cli) on project standalone-pom: Invalid value for imageHygiene.allowedBaseImages: element 2' +
                " of 'debian:12,,alpine:3.20' is empty; separate the elements with single commas -> [Help 1]",
])
support.assertNoLineStartingWith(log, '[INFO] Image ', '[INFO] Report: ', '[WARNING]')
support.assertNoStackTrace(log)
assert !new File(basedir, 'target').exists(): 'nothing read, nothing written'
return true
