/// A `systems.toml` of profiles for battles collected elsewhere (`agon rank --profiles`): the
/// `[[systems]]` entries of a study file, keyed by `id` = the system's name in the battles file.
public enum ProfilesFile {
    public static func read(path: String) throws(DiagnosticsError) -> [String: SystemProfile] {
        let text = try TextFile.read(path)
        let document = try TOMLDocument(file: path, text: text)
        document.rejectUnknownKeys(document.root, allowed: ["systems"], at: "")
        var profiles: [String: SystemProfile] = [:]
        for entry in StudyLoader.readSystems(document, document.root) { profiles[entry.system.id] = entry.system.profile }
        if profiles.isEmpty, document.diagnostics.isEmpty {
            document.problem(at: "systems", "no [[systems]] entries (each with an id and its profile keys)")
        }
        if !document.diagnostics.isEmpty { throw DiagnosticsError(document.diagnostics) }
        return profiles
    }
}
