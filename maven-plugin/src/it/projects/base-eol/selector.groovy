// Runs base-eol only where the shared fixtures (../shared/fixtures beside the project) hold the real alpine:3.11
// image; otherwise skips with a message on the console, or fails when dockerMode is "required" (as .ci/run sets).
def image = new File(testImages, '../../../../../../shared/fixtures/pkgdb/rootfs/trivy-alpine-3.11-docker-save.tar.gz')
def console = new PrintStream(new FileOutputStream(FileDescriptor.out), true)
if (image.isFile()) {
    return true
}
def message = "shared fixture ${image.canonicalPath} is absent"
if (dockerMode == 'required') {
    throw new IllegalStateException("base-eol needs ${message}")
}
console.println("[WARNING] base-eol SKIPPED: ${message}")
println "SKIPPED: ${message}"
return false
