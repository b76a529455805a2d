/// The numbers of one generated report: consistent by construction (every identity of the
/// vocabulary holds) unless a deliberate fault is injected afterwards.
import GovqCube

struct Figures {
    /// `apps[outcome][applicant]`, nil = not in the text.
    var apps: [[Int32?]]
    /// `reviews[result][proceeding]`.
    var reviews: [[Int32?]]

    init(template: Template, _ r: inout CorpusRandom) {
        let nOut = Outcome.allCases.count, nApp = ApplicantType.allCases.count
        apps = Array(repeating: Array(repeating: nil, count: nApp), count: nOut)
        reviews = Array(repeating: Array(repeating: nil, count: Proceeding.allCases.count), count: ReviewResult.allCases.count)
        let leaves: [Outcome] = Outcome.handlingLeaves.filter {
            template == .t2021 ? $0 != .other : !($0 == .otherNoCorrection || $0 == .otherNoFee || $0 == .otherMisc)
        }
        let size = r.pick([2, 5, 12, 30, 80, 200])
        for a in ApplicantType.allCases {
            let typical = a == .naturalPerson ? size : (r.chance(0.45) ? max(1, size / 15) : 0)
            var new = r.count(typical: typical)
            if r.chance(0.0005) { new = r.int(in: 70_000...200_000) }  // a very large body: exercises Int32 widths
            let carried = r.chance(0.3) ? r.int(in: 0...max(0, new / 5)) : 0
            let received = new + carried
            let forward = r.chance(0.3) ? r.int(in: 0...(received / 8)) : 0
            var left = received - forward
            // Split what was handled over the leaves with rough real-world weights.
            var weights = leaves.map { o -> Int in
                switch o {
                case .granted: 40
                case .partial: 8
                case .unavailableNotHeld: 20
                case .unavailableNeedsCreation, .other, .otherMisc: 4
                case .notProcessedComplaint, .notProcessedDuplicate, .deniedThirdParty, .deniedProcess: 2
                default: 1
                }
            }
            for i in weights.indices where r.chance(0.4) { weights[i] = 0 }
            weights[0] += 1
            let total = weights.reduce(0, +)
            var shares = [Int](repeating: 0, count: leaves.count)
            for i in leaves.indices {
                shares[i] = left * weights[i] / total
            }
            left -= shares.reduce(0, +)
            shares[0] += left
            for a2 in [a.rawValue] {
                apps[Outcome.new.rawValue][a2] = Int32(new)
                apps[Outcome.carriedOver.rawValue][a2] = Int32(carried)
                apps[Outcome.carriedForward.rawValue][a2] = Int32(forward)
                apps[Outcome.handled.rawValue][a2] = Int32(received - forward)
                for (i, o) in leaves.enumerated() { apps[o.rawValue][a2] = Int32(shares[i]) }
            }
        }
        let busy = r.chance(0.4)
        for p in Proceeding.allCases {
            var sum: Int32 = 0
            for res in [ReviewResult.upheld, .corrected, .other, .pending] {
                let v = Int32(busy && r.chance(0.5) ? r.int(in: 0...9) : 0)
                reviews[res.rawValue][p.rawValue] = v
                sum += v
            }
            reviews[ReviewResult.total.rawValue][p.rawValue] = sum
        }
    }

    /// The row total column (总计) as the report prints it: the sum of the six cells, nil when
    /// the row has no cells.
    func rowTotal(_ o: Outcome) -> Int32? {
        let row = apps[o.rawValue]
        if row.allSatisfy({ $0 == nil }) { return nil }
        return row.reduce(Int32(0)) { $0 + ($1 ?? 0) }
    }
}
