// skip: -DimageHygiene.skip=true; the project has no image at all, so anything but skipping would fail.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)

support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ skip ---",
        '[INFO] Skipping image hygiene check: skip is true (imageHygiene.skip)',
        '[INFO] ------------------------------------------------------------------------',
        '[INFO] BUILD SUCCESS',
])
support.assertNoLineStartingWith(log, '[INFO] Image ', '[INFO] Report: ', '[WARNING]', '[ERROR]')
assert !new File(basedir, 'target/image-hygiene').exists(): 'a skipped check writes no report'
assert !new File(basedir, 'target').exists()
return true
