// help-goal: maven-plugin-plugin's helpmojo lists the goal and every parameter, with its default and user property,
// as the plugin descriptor maven-plugin-plugin wrote says them (target/classes/META-INF/maven/plugin.xml).
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def descriptor = new groovy.xml.XmlSlurper().parse(new File(basedir, '../../classes/META-INF/maven/plugin.xml'))
def check = descriptor.mojos.mojo.find { it.goal.text() == 'check' }
def parameters = check.parameters.parameter.findAll { it.editable.text() == 'true' }*.name*.text()
assert parameters.size() > 40 && parameters.containsAll(['maxSize', 'levels', 'failOnError', 'skip'])
// name -> ${imageHygiene.name} / default value, from the descriptor's <configuration>
def expressions = check.configuration.children().collectEntries { [it.name(), it.text()] }
def defaults = check.configuration.children().collectEntries { [it.name(), it.@'default-value'.text()] }

support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:help (default-cli) @ standalone-pom ---",
        "[INFO] Image Hygiene Maven Plugin ${pluginVersion}",
])
assert log.contains('image-hygiene:check')
assert log.contains('  Available parameters:')
// every parameter, by name (with its default where it has one), in alphabetical order
def listed = log.findAll { it ==~ /    [a-z][A-Za-z]+( \(Default: .*\))?/ }.collect { it.trim() }
assert listed == parameters.sort().collect { defaults[it] ? "${it} (Default: ${defaults[it]})".toString() : it }
assert listed.contains('failOnError (Default: true)')
// every parameter with a user property says it
def properties = log.findAll { it.startsWith('      User property: ') }.collect { it - '      User property: ' }
assert properties.sort() == expressions.findAll { k, v -> v.startsWith('${imageHygiene.') }
        .collect { k, v -> v[2..-2] }.sort()
assert properties.contains('imageHygiene.maxSize') && properties.contains('imageHygiene.timeout')
support.assertLines(log, ['[INFO] BUILD SUCCESS'])

// the plugin jar carries Eclipse m2e's lifecycle mapping: check runs on full builds, not on incremental ones
def jar = new File(basedir, "../../local-repo/io/github/imagehygiene/image-hygiene-maven-plugin/${pluginVersion}/" +
        "image-hygiene-maven-plugin-${pluginVersion}.jar")
def zip = new java.util.zip.ZipFile(jar)
def m2e = new groovy.xml.XmlSlurper().parse(zip.getInputStream(zip.getEntry('META-INF/m2e/lifecycle-mapping-metadata.xml')))
def execution = m2e.pluginExecutions.pluginExecution
assert execution.pluginExecutionFilter.goals.goal*.text() == ['check']
assert execution.action.execute.runOnIncremental.text() == 'false'
zip.close()
return true
