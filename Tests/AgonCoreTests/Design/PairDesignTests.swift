import Testing
@testable import AgonCore

struct PairDesignTests {
    static func systems(_ count: Int) -> [String] { (1...count).map { "s\($0)" } }

    @Test func allIsEveryPairInTheSystemsOrder() {
        let pairs = PairDesign.all.pairs(systemIDs: ["a", "b", "c"], studyID: "s", seed: 1)
        #expect(pairs == [SystemPair("a", "b"), SystemPair("a", "c"), SystemPair("b", "c")])
    }

    /// Over many seeds and sizes: connected, no pair twice, no self-pair, every system in `degree`
    /// pairs or one more, and connected still without any one pair (the cycle).
    @Test func sparseDesignsAreConnectedAndRegularish() {
        for count in [4, 5, 6, 7, 9, 12, 20] {
            for degree in 2..<min(count - 1, 6) {
                for seed in UInt64(0)..<40 {
                    let systems = Self.systems(count)
                    let pairs = PairDesign.sparse(degree: degree).pairs(systemIDs: systems, studyID: "study", seed: seed)
                    let graph = DesignGraph(systems: systems, pairs: pairs)
                    #expect(graph.isConnected, "\(count) systems, degree \(degree), seed \(seed)")
                    #expect(Set(pairs.map { [$0.first, $0.second].sorted() }).count == pairs.count)
                    #expect(pairs.allSatisfy { $0.first != $0.second })
                    for (system, value) in graph.degrees {
                        #expect(value == degree || value == degree + 1, "\(system): in \(value) pairs, degree \(degree), seed \(seed)")
                    }
                    #expect(pairs.allSatisfy { graph.bridge($0) == nil }, "a sparse design hangs on one pair")
                    #expect(pairs.count < count * (count - 1) / 2)
                }
            }
        }
    }

    @Test func sparseDependsOnTheSeedAndStudyOnly() {
        let systems = Self.systems(12)
        let first = PairDesign.sparse(degree: 3).pairs(systemIDs: systems, studyID: "x", seed: 5)
        #expect(first == PairDesign.sparse(degree: 3).pairs(systemIDs: systems, studyID: "x", seed: 5))
        #expect(first != PairDesign.sparse(degree: 3).pairs(systemIDs: systems, studyID: "x", seed: 6))
    }

    @Test func graphFindsGroupsAndBridges() {
        let systems = ["a", "b", "c", "d", "e"]
        let split = DesignGraph(systems: systems, pairs: [SystemPair("a", "b"), SystemPair("c", "d")])
        #expect(split.components == [["a", "b"], ["c", "d"], ["e"]])
        #expect(!split.isConnected)
        let chain = DesignGraph(systems: ["a", "b", "c"], pairs: [SystemPair("a", "b"), SystemPair("b", "c"), SystemPair("c", "a")])
        #expect(chain.isConnected && chain.bridge(SystemPair("a", "b")) == nil)
        let tail = DesignGraph(systems: ["a", "b", "c"], pairs: [SystemPair("a", "b"), SystemPair("b", "c")])
        let cut = tail.bridge(SystemPair("b", "c"))
        #expect(cut?.first == ["a", "b"] && cut?.second == ["c"])
    }
}
