/// Tab completion: the words that fit the cursor's `CompletionContext` and start with what is
/// typed. English names and Chinese aliases both complete; members come from the loaded cube.
import GovqCube

/// What to offer for one Tab press.
public enum Completion: Sendable, Equatable {
    case words([String])
    /// Let readline complete a file name.
    case files
}

public final class Completer: @unchecked Sendable {
    /// The lines of a multi-line query typed so far (the REPL keeps this current), so context
    /// spans lines: `sum denied` ⏎ `where district = ` knows it is in a filter.
    public var pendingText = ""
    private var members: [String: [String]]

    public init(cube: Cube) {
        members = Completer.members(of: cube)
    }

    /// Refreshes member lists after `.load`.
    public func update(cube: Cube) {
        members = Completer.members(of: cube)
    }

    /// Candidates for `word`, the text from the last word break to the cursor, on a line whose
    /// text before the word is `linePrefix`.
    public func complete(word: String, linePrefix: String) -> Completion {
        let before = pendingText.isEmpty ? linePrefix : pendingText + "\n" + linePrefix
        let onFreshLine = pendingText.isEmpty && linePrefix.allSatisfy { $0 == " " || $0 == "\t" }
        if onFreshLine, word.hasPrefix(".") {
            return .words(matching(word, in: MetaCommand.names))
        }
        let context = CompletionContext.of(before: before)
        if context == .path { return .files }
        return .words(candidates(word, context: context))
    }

    /// The words of `context` that start with `word`.
    public func candidates(_ word: String, context: CompletionContext) -> [String] {
        // A quoted member: complete inside the quotes and close them.
        if let open = word.first, open == "\"" || open == "'" || open == "\u{201C}" {
            guard case .member(let dim) = context else { return [] }
            let close = open == "\u{201C}" ? "\u{201D}" : String(open)
            return matching(String(word.dropFirst()), in: members[dim] ?? []).map { String(open) + $0 + close }
        }
        return matching(word, in: words(for: context))
    }

    func words(for context: CompletionContext) -> [String] {
        switch context {
        case .queryStart: return CompletionContext.aggregateFunctions + ["show"] + measureNames
        case .measure(let countAllowed): return (countAllowed ? ["reports"] : []) + measureNames
        case .dimension: return dimensionNames
        case .member(let dim): return members[dim] ?? []
        case .table: return FactTableID.allCases.flatMap { [$0.name] + $0.aliases }
        case .showSubject:
            return ["measures", "dimensions", "tables"] + Schema.dimensions.flatMap { [$0.plural] + $0.aliases }
        case .orderTerm: return measureNames + dimensionNames
        case .keywords(let k), .words(let k): return k
        case .dotCommand: return MetaCommand.names
        case .path, .none: return []
        }
    }

    private var measureNames: [String] { Completer.measureNames }
    private var dimensionNames: [String] { Completer.dimensionNames }
    private static let measureNames: [String] = unique(Schema.measures.flatMap { [$0.name] + $0.aliases })
    private static let dimensionNames: [String] = Schema.dimensions.flatMap { [$0.name] + $0.aliases }

    /// Prefix matches, case-insensitive for ASCII, without duplicates, in the given order.
    func matching(_ word: String, in words: [String]) -> [String] {
        let w = word.lowercased()
        return Completer.unique(words.filter { $0.lowercased().hasPrefix(w) })
    }

    static func unique(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }

    /// What can follow `dimension =` for each dimension.
    static func members(of cube: Cube) -> [String: [String]] {
        let applicants = ApplicantType.allCases.flatMap { [$0.name, $0.label] }
            + Schema.applicantGroups.flatMap { [$0.name] + $0.aliases }
        let proceedings = Proceeding.allCases.flatMap { [$0.name, $0.label] }
            + Schema.proceedingGroups.flatMap { [$0.name] + $0.aliases }
        return [
            "district": cube.district.values.sorted(by: Collation.less),
            "unit": cube.unit.values.sorted(by: Collation.less),
            "file": cube.file.values.sorted(),
            "province": cube.place.province.values.filter { !$0.isEmpty }.sorted(by: Collation.less),
            "city": cube.place.city.values.filter { !$0.isEmpty }.sorted(by: Collation.less),
            "county": cube.place.county.values.filter { !$0.isEmpty }.sorted(by: Collation.less),
            "adcode": cube.place.adcode.values.filter { !$0.isEmpty }.sorted(),
            "level": Schema.placeMembers(of: "level")!.flatMap { [$0.name] + $0.aliases },
            "body_kind": Schema.placeMembers(of: "body_kind")!.flatMap { [$0.name] + $0.aliases },
            "year": cube.years.map(String.init),
            "template": Template.allCases.map(\.name),
            "applicant": applicants,
            "outcome": Outcome.allCases.map(\.name),
            "proceeding": proceedings,
            "result": ReviewResult.allCases.flatMap { [$0.name, $0.label] },
        ]
    }
}
