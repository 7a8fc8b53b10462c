// Loads the committed busybox-app fixture into the daemon, so that docker://image-hygiene/busybox-app:1.0 is
// exactly the image that expected.properties describes (whatever else was tagged so before).
import java.util.concurrent.TimeUnit

def host = System.getenv('DOCKER_HOST') ?: 'unix:///tmp/image-hygiene-docker/docker.sock'
def tar = new File(testImages, 'busybox-app.docker.tar')
assert tar.isFile(): "missing fixture $tar"
def pb = new ProcessBuilder('docker', 'load', '-i', tar.path).redirectErrorStream(true)
pb.environment().put('DOCKER_HOST', host)
def proc = pb.start()
def output = new StringBuffer()
def reader = Thread.start { output.append(proc.inputStream.getText('UTF-8')) }
assert proc.waitFor(120, TimeUnit.SECONDS): "docker load -i $tar did not finish within 120 s"
reader.join(5000)
println "docker load -i ${tar} (DOCKER_HOST=${host}):\n${output}"
assert proc.exitValue() == 0: "docker load -i $tar failed (exit ${proc.exitValue()}): $output"
assert output.toString().readLines().contains('Loaded image: image-hygiene/busybox-app:1.0')
return true
