/// Left/right aligned columns for the text and Markdown renderers (presentation only).
struct TextTable {
    enum Alignment { case left, right }

    var alignments: [Alignment]
    var rows: [[String]] = []

    init(_ alignments: [Alignment]) {
        self.alignments = alignments
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// Rows padded to the widest cell of each column, joined by two spaces, each line prefixed by
    /// `indent`; trailing spaces removed.
    func render(indent: String = "") -> [String] {
        var widths = Array(repeating: 0, count: alignments.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        return rows.map { row in
            var cells: [String] = []
            for (index, cell) in row.enumerated() {
                guard index < widths.count else {
                    cells.append(cell)
                    continue
                }
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                cells.append(alignments[index] == .left ? cell + padding : padding + cell)
            }
            var line = indent + cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
