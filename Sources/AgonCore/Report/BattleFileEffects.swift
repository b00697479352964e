/// Parameter effects for a battles file collected elsewhere (`agon rank --profiles`): only battles
/// between systems that have a profile enter; each cluster's pair tallies become weighted battles.
/// A battles file records neither sides nor answers, so there are no battle covariates.
public enum BattleFileEffects {
    public static func compute(_ file: BattleFileReader.Battles, profiles: [String: SystemProfile], clusterName: String?,
                               rounds: Int, seed: UInt64) -> ParameterEffects {
        let counts = file.counts
        let profiled = counts.systems.filter { profiles[$0] != nil }
        let index = Dictionary(uniqueKeysWithValues: profiled.enumerated().map { ($1, $0) })
        let remap = counts.systems.map { index[$0] }
        var battles: [CovariateBattle] = []
        func add(_ tallies: [PairTally], cluster: Int) {
            for tally in tallies where tally.total > 0 {
                guard let a = remap[tally.i], let b = remap[tally.j] else { continue }
                battles.append(CovariateBattle(a: a, b: b, score: (tally.winsI + tally.ties / 2) / tally.total,
                                               weight: tally.total, cluster: cluster))
            }
        }
        let clustered = clusterName != nil && !file.clusters.isEmpty
        if clustered {
            for (c, tallies) in file.clusters.enumerated() { add(tallies, cluster: c) }
        } else {
            // Wins, losses and ties apart, so that battle resampling can move battles between them.
            for tally in counts.pairTallies {
                guard let a = remap[tally.i], let b = remap[tally.j] else { continue }
                for (share, score) in [(tally.winsI, 1.0), (tally.winsJ, 0.0), (tally.ties, 0.5)] where share > 0 {
                    battles.append(CovariateBattle(a: a, b: b, score: score, weight: share))
                }
            }
        }
        var effects = ParameterEffects.compute(battles, systems: profiled, profiles: profiled.map { profiles[$0]! },
                                               covariates: [], clustered: clustered, clusterCount: file.clusters.count,
                                               resampled: clustered ? "groups of equal `\(clusterName!)`" : "battles",
                                               rounds: rounds, seed: seed)
        let unprofiled = counts.systems.filter { profiles[$0] == nil }
        if !unprofiled.isEmpty {
            effects.notes.append("\(unprofiled.count) system\(unprofiled.count == 1 ? "" : "s") without a profile left out of this fit: "
                                 + unprofiled.prefix(8).joined(separator: ", ") + (unprofiled.count > 8 ? ", …" : "") + ".")
        }
        let unseen = profiles.keys.filter { counts.index(of: $0) == nil }.sorted()
        if !unseen.isEmpty { effects.notes.append("Profiles of systems not in the file: \(unseen.joined(separator: ", ")).") }
        effects.notes.append("A battles file records no sides or answers: no position, length or markdown covariates.")
        return effects
    }
}
