// cli-parity: the goal (this build, which fails on its breaches) and `java -jar image-hygiene.jar check --config
// cli-config.yaml` on the same image with the same settings: report.json equal but for the tool, the console's check
// block equal line for line, the breaches equal, exit code 1.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
File jar = new File(cliJar)
assert jar.isFile(): "no CLI jar at ${jar}: the cli module builds it at package"

File config = new File(basedir, 'cli-config.filled.yaml')
config.text = new File(basedir, 'cli-config.yaml').getText('UTF-8').replace('@testImages@', testImages)
def command = [new File(System.getProperty('java.home'), 'bin/java').path, '-jar', jar.path, 'check',
               '--config', config.path, '--report-directory', 'target/cli']
def process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(false).start()
def out = new StringBuilder(), err = new StringBuilder()
process.consumeProcessOutput(out, err)
assert process.waitFor() == 1: "exit ${process.exitValue()}\n${out}\n${err}"
def cliOut = out.toString().readLines()
def cliErr = err.toString().readLines()

// the goal's block: from its first line to the last line before Report:, as the CLI prints it
int start = log.findIndexOf { it.startsWith('[INFO] Image ') }
int end = log.findIndexOf(start) { it.startsWith('[INFO] Report: ') }
assert start > 0 && end > start
def goalBlock = log.subList(start, end)
def cliBlock = cliOut.subList(0, cliOut.findIndexOf { it.startsWith('[INFO] Report: ') })
assert cliBlock == goalBlock
// and the settings took: the budgets, the levels, the known base, the lists, the assertions
assert goalBlock.containsAll(['[INFO]     FAIL  maxSize             57.0 KB of 10 KB',
                              '[INFO]     WARN  maxLayers           6 of 3 layers',
                              '[INFO]     PASS  allowedBaseImages   docker.io/library/tiny:latest matches tiny',
                              '[INFO]     PASS  deniedBaseImages    docker.io/library/tiny:latest matches none of 1 denied',
                              '[INFO]     FAIL  configAssertions    config assertions: 0 of 1 hold',
                              '[INFO]     PASS  fileAssertions      file assertions: 1 of 1 hold',
                              '[INFO]     off: requireHealthcheck'])
assert goalBlock.any { it.startsWith('[INFO]   Base image: docker.io/library/tiny:latest ') && it.endsWith('; layers 1-3 of 6 (fingerprint)') }
assert cliOut.findAll { it.startsWith('[INFO] Report: ') || it.startsWith('[INFO] SBOM: ') } ==
        ["[INFO] Report: ${new File(basedir, 'target/cli/report.json')}".toString(),
         "[INFO] SBOM: ${new File(basedir, 'target/cli/sbom.cdx.json')}".toString()]

// the breaches: the goal's failure lists them after its "Failed to execute goal" line, the CLI after its first line
int failed = log.findIndexOf { it.startsWith('[ERROR] Failed to execute goal ') }
def goalBreaches = log.subList(failed + 1, log.findIndexOf(failed) { it == '[ERROR] -> [Help 1]' })
assert goalBreaches.size() >= 1 && goalBreaches.every { it ==~ /\[ERROR\]   \d+\. \[\w+\] .*/ }
assert cliErr.tail() == goalBreaches
assert log[failed].endsWith(cliErr[0] - '[ERROR] ')

// report.json: the same, but for the tool that wrote it
def goalReport = support.report(new File(basedir, 'target/image-hygiene/report.json'))
def cliReport = support.report(new File(basedir, 'target/cli/report.json'))
assert goalReport.tool == [name: 'image-hygiene-maven-plugin', version: pluginVersion]
assert cliReport.tool == [name: 'image-hygiene-cli', version: pluginVersion]
goalReport.remove('tool')
cliReport.remove('tool')
assert cliReport == goalReport
assert goalReport.verdict == 'FAIL'
// and the SBOMs but for their timestamp, serial number and tool
def sbom = { File f ->
    def s = new groovy.json.JsonSlurper().parse(f)
    s.remove('serialNumber'); s.metadata.remove('timestamp'); s.metadata.remove('tools'); s
}
assert sbom(new File(basedir, 'target/cli/sbom.cdx.json')) == sbom(new File(basedir, 'target/image-hygiene/sbom.cdx.json'))
return true
