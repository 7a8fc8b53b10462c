// Runs this IT only where a Docker daemon answers `docker version`: DOCKER_HOST from the environment, else the
// private daemon of .ci/start-dockerd.sh. Without one the IT is skipped with a message on the console, unless
// dockerMode is "required" (-DimageHygiene.it.docker=required, as CI runs), where a missing daemon is an error.
import java.util.concurrent.TimeUnit

def host = System.getenv('DOCKER_HOST') ?: 'unix:///tmp/image-hygiene-docker/docker.sock'
// The invoker sends script output to build.log; the console is where a skip must be seen.
def console = new PrintStream(new FileOutputStream(FileDescriptor.out), true)

String problem = null
String version = null
try {
    def pb = new ProcessBuilder('docker', 'version', '--format', '{{.Server.Version}}').redirectErrorStream(true)
    pb.environment().put('DOCKER_HOST', host)
    def proc = pb.start()
    def output = new StringBuffer()
    def reader = Thread.start { output.append(proc.inputStream.getText('UTF-8')) }
    if (!proc.waitFor(30, TimeUnit.SECONDS)) {
        proc.destroyForcibly()
        problem = 'docker version did not answer within 30 s'
    } else {
        reader.join(5000)
        if (proc.exitValue() == 0 && output.toString().trim()) {
            version = output.toString().trim()
        } else {
            problem = "docker version exited with ${proc.exitValue()}: ${output.toString().trim().readLines().join(' ')}"
        }
    }
} catch (IOException e) {
    problem = "cannot run the docker client: ${e.message}"
}

if (version != null) {
    console.println("[INFO] docker-daemon-input: Docker daemon ${version} at ${host}")
    return true
}
def message = "no Docker daemon at ${host} (${problem}); start one with 'bash .ci/start-dockerd.sh' or set DOCKER_HOST"
if (dockerMode == 'required') {
    throw new IllegalStateException("docker-daemon-input needs a Docker daemon (imageHygiene.it.docker=required): ${message}")
}
console.println("[WARNING] docker-daemon-input SKIPPED: ${message}; -DimageHygiene.it.docker=required makes this an error")
println "SKIPPED: ${message}"
return false
