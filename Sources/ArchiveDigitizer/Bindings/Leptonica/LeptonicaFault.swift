import CLeptonica

/// A real fault inside Leptonica, for the test that proves a crashing C call costs one page and not
/// the batch (`PageWorkerService`'s test fault). Nothing else calls it.
enum LeptonicaFault {
    /// Hands Leptonica an image pointer into unmapped memory: `pixGetWidth` reads through it and the
    /// process dies of SIGSEGV inside libleptonica, as it would on a corrupt image structure.
    static func crashInsideLeptonica() {
        let bogus = UnsafeMutablePointer<Pix>(bitPattern: 0x10)
        _ = pixGetWidth(bogus)
    }
}
