// Linked into the GUI binary `gemba` of the `asan` preset only (tests/sanitizers/asan-gui.cmake).
//
// The GUI under Xvfb renders with Mesa's llvmpipe: libGLX dlopens the software driver
// (swrast_dri.so, with LLVM inside), which leaves a few hundred small strdup'ed strings unfreed,
// and glfwTerminate dlcloses it again. When LeakSanitizer looks at exit, the driver is gone: its
// frames print as "<unknown module>", so no suppression file can name them, and full unwinding
// (fast_unwind_on_malloc=0), which would reach libGLX or GLFW, hangs the GUI's exit. Measured with
// a clean close (WM_DELETE_WINDOW) of `gemba` under Xvfb: 5,323 bytes in 255 strdup's, all in the
// unloaded driver. So the GUI binary starts with leak detection off; every other ASan and UBSan
// check stays on in it, and every test binary (core, the screens rendered in-process, the CLI) keeps
// leak detection. The wall-clock test preloads libfaketime (LD_PRELOAD) into the GUI, ahead of
// the ASan runtime: ASan would refuse to start (verify_asan_link_order), though faketime only
// wraps the clock calls and allocates nothing ASan must see first. ASAN_OPTIONS in the environment
// still overrides these defaults.
extern "C" const char* __asan_default_options() { return "detect_leaks=0:verify_asan_link_order=0"; }
