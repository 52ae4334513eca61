/// "Did you mean" suggestions: the closest candidate by edit distance, when it is close enough to be a typo.
public enum Suggestion {
    /// The candidate nearest to `word`, or `nil` when none is plausibly what the user meant.
    ///
    /// Case differences cost nothing extra beyond one edit, transpositions count as one edit (Damerau), and the
    /// allowed distance grows with the word's length (1 for short words, up to a third of the length).
    public static func nearest<S: Sequence>(to word: String, among candidates: S) -> String?
    where S.Element == String {
        let target = Array(word.lowercased().unicodeScalars)
        let limit = max(1, min(3, target.count / 3))
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().unicodeScalars)
            if abs(other.count - target.count) > limit { continue }
            let distance = editDistance(target, other)
            if distance <= limit, best.map({ distance < $0.distance }) ?? true {
                best = (distance, candidate)
            }
        }
        return best?.candidate
    }

    /// `"; did you mean 'x'?"` or the empty string.
    public static func didYouMean<S: Sequence>(_ word: String, among candidates: S) -> String
    where S.Element == String {
        guard let match = nearest(to: word, among: candidates), match != word else { return "" }
        return "; did you mean '\(match)'?"
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
