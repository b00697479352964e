/// One estimate the parameter-effects section shows: a knob's or a battle covariate's effect in one
/// report section, with the JSON path of its numbers.
struct EffectRow {
    var effect: ParameterEffects.Effect
    var path: String
    var isKnob: Bool

    /// The knobs first (none when the design cannot credit them), then the covariates.
    static func rows(_ effects: ParameterEffects, sectionIndex: Int) -> [EffectRow] {
        let path = "sections[\(sectionIndex)].effects"
        return effects.effects.enumerated().map { EffectRow(effect: $1, path: "\(path).effects[\($0)]", isKnob: true) }
            + effects.covariates.enumerated().map { EffectRow(effect: $1, path: "\(path).covariates[\($0)]", isKnob: false) }
    }
}

/// Parameter effects: what the knobs of the systems' profiles are worth in Elo, per section, as a
/// coefficient plot and a table; when the design cannot credit the knobs, why and what arm would,
/// with the battle covariates still shown; the residual per system; how the intervals were made.
extension StudyReportHTML {
    static func parameterEffects(_ report: StudyReport, _ words: Words) -> HTMLNode? {
        let profiled = report.sections.enumerated().compactMap { index, section in
            section.effects.map { (index: index, name: section.names.text(in: words.language), effects: $0) }
        }
        // The design and the bootstrap are the same in every section: told once, from the first.
        guard let lead = profiled.first else { return nil }
        let path = "sections[\(lead.index)].effects"
        let effects = lead.effects
        let design = effects.design
        var children: [HTMLNode] = [H.p(lede(effects, path, words), [("class", "lede")])]
        let explanation = words.explanation(design).map { H.p($0, [("class", "note")]) }
        if design.estimable {
            children += explanation
            if design.residualDegreesOfFreedom < 2 {
                children.append(H.p([.text(words("", "Различных профилей: ")),
                                     count(design.distinctProfiles, "\(path).design.distinctProfiles", words),
                                     .text(words(" distinct profiles for ", ", параметров: ")),
                                     count(design.knobs.count, "\(path).design.knobs.length", words),
                                     .text(words(design.knobs.count == 1 ? " knob: only " : " knobs: only ", " — остаётся лишь ")),
                                     count(design.residualDegreesOfFreedom, "\(path).design.residualDegreesOfFreedom", words),
                                     .text(words(" degree of freedom is left to check that the profile explains the systems.",
                                                 " степень свободы, чтобы проверить, что профиль объясняет системы."))],
                                    [("class", "note")]))
            }
        } else {
            children.append(H.el("div", [("class", "warning")], [
                H.p(words("The design cannot separate the knobs, so no knob effect is estimated in any section; the battle covariates are, beside each system's own strength.",
                          "Дизайн не позволяет разделить параметры, поэтому их влияние не оценивается ни в одном разделе; ковариаты встреч оцениваются — рядом с собственной силой каждой системы.")),
            ] + explanation))
        }
        let groups = profiled.map { CoefficientPlot.Group(name: $0.name, rows: EffectRow.rows($0.effects, sectionIndex: $0.index)) }
        var terms: [String] = []
        for row in groups.flatMap(\.rows) where !terms.contains(row.effect.key) { terms.append(row.effect.key) }
        for (part, figureGroups) in pages(groups).enumerated() {
            let title = words("Parameter effects", "Влияние параметров")
            if let plot = CoefficientPlot.draw(figureGroups, terms: terms, figure: "effects" + (part > 0 ? "-\(part + 1)" : ""),
                                               title: title, words: words) {
                children.append(figure(plot, caption: words("Per section, each knob's effect (Elo for one unit of its change) and each battle covariate's (Elo for the answer shown on the left, twice as long, or with all the markdown), with 95% intervals.",
                                                            "По разделам: влияние каждого параметра (Эло на единицу его изменения) и каждой ковариаты встречи (Эло для ответа слева, вдвое более длинного или со всей разметкой), с 95% интервалами.")))
            }
        }
        children.append(effectTable(profiled.map { ($0.index, $0.name, $0.effects) }, words))
        if design.estimable { children += residuals(profiled.map { ($0.index, $0.name, $0.effects) }, words) }
        var notes: [String] = []
        for note in profiled.flatMap(\.effects.notes) where !notes.contains(note) { notes.append(note) }
        children += notes.map { H.p($0, [("class", "note")]) }
        return section("effects", words("Parameter effects", "Влияние параметров"), children)
    }

    /// The model and how its intervals were made.
    static func lede(_ effects: ParameterEffects, _ path: String, _ words: Words) -> [HTMLNode] {
        var lede: [HTMLNode] = effects.design.estimable
            ? [.text(words("A structured Bradley–Terry model: each system's strength is what its profile's knobs predict plus a residual of its own (prior SD ",
                           "Структурированная модель Брэдли — Терри: сила каждой системы — то, что предсказывают параметры её профиля, плюс собственный остаток (априорное SD ")),
               number(effects.residualSDElo, "\(path).residualSDElo", .whole, words),
               .text(words(" Elo), with the answers' position, length and markdown as covariates of each battle. ",
                           " Эло), а позиция, длина и разметка ответов — ковариаты каждой встречи. "))]
            : [.text(words("A Bradley–Terry model with each system's own strength and the answers' position, length and markdown as covariates of each battle. ",
                           "Модель Брэдли — Терри с собственной силой каждой системы и позицией, длиной и разметкой ответов как ковариатами каждой встречи. "))]
        guard effects.rounds > 0 else {
            return lede + [.text(words("No bootstrap rounds were run, so there are no intervals.", "Бутстреп не проводился, поэтому интервалов нет."))]
        }
        lede += [.text(words("95% intervals from ", "95% интервалы по ")), count(effects.rounds, "\(path).rounds", words),
                 .text(words(" bootstrap rounds (\(words.resampled(effects.resampled)), seed ", " бутстреп-раундам (\(words.resampled(effects.resampled)), зерно ")),
                 number(Double(effects.seed), "\(path).seed", .count, words),
                 .text(words("); they say how sure the data are about these systems, not about a population of models.",
                             "); они говорят, насколько данные уверены в этих системах, а не в совокупности моделей."))]
        return lede
    }

    /// Whole sections per figure, about `rowsPerFigure` rows each, so a figure fits a page.
    static func pages(_ groups: [CoefficientPlot.Group]) -> [[CoefficientPlot.Group]] {
        var pages: [[CoefficientPlot.Group]] = [[]]
        var rows = 0
        for group in groups where !group.rows.isEmpty {
            if rows > 0, rows + 1 + group.rows.count > rowsPerFigure {
                pages.append([])
                rows = 0
            }
            pages[pages.count - 1].append(group)
            rows += 1 + group.rows.count
        }
        return pages
    }

    static func effectTable(_ sections: [(index: Int, name: String, effects: ParameterEffects)], _ words: Words) -> HTMLNode {
        var rows: [[HTMLNode]] = []
        for (index, name, effects) in sections {
            for (r, row) in EffectRow.rows(effects, sectionIndex: index).enumerated() {
                let heading: HTMLNode = r > 0 ? .text("") : H.span([
                    .text(name + " · "), count(effects.battles, "sections[\(index)].effects.battles", words), .text(words(" battles", " встреч")),
                ])
                rows.append([heading, .text(words.name(row.effect)), .text(words.unit(row.effect)),
                             number(row.effect.elo, "\(row.path).elo", .signedWhole, words),
                             range(row.effect.lower, row.effect.upper, row.path, .signedWhole, words)])
            }
        }
        return H.table([words("section", "раздел"), words("knob or covariate", "параметр или ковариата"),
                        words("the change", "изменение"), words("Elo", "Эло"), words("95% interval", "95% интервал")],
                       rows, numericFrom: 3)
    }

    /// Each system's residual per section: what its profile does not explain.
    static func residuals(_ sections: [(index: Int, name: String, effects: ParameterEffects)], _ words: Words) -> [HTMLNode] {
        let shown = sections.filter { !$0.effects.residuals.isEmpty }
        guard let systems = shown.first?.effects.design.systems else { return [] }
        return [
            H.el("h3", text: words("What the profiles do not explain", "Что профили не объясняют")),
            H.table([words("system", "система")] + shown.map(\.name), systems.map { system in
                [H.span([.text(system)], [("class", "range")])] + shown.map { section in
                    number(section.effects.residuals[system], "sections[\(section.index)].effects.residuals[\"\(system)\"]", .signedWhole, words)
                }
            }),
            H.p(words("Each system's residual, in Elo: how much better (+) or worse (−) it did than its knobs predict, shrunk towards 0 by the prior. A large one is a system whose base model or training counts for more than its knobs.",
                      "Остаток каждой системы в Эло: насколько она лучше (+) или хуже (−), чем предсказывают её параметры, со сжатием к 0 априорным распределением. Большой остаток — система, у которой базовая модель или обучение значат больше её параметров."),
                [("class", "note")]),
        ]
    }
}
