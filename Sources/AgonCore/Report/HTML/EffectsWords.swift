/// The parameter-effects section's words for what the core names in English only: the knobs and
/// covariates, what the bootstrap resampled, and why a design cannot credit its knobs. English takes
/// the core's own words (`ProfileDesign.explanation`, `ParameterEffects.Effect.unit`), Russian is
/// worded here from the same facts, so the two cannot disagree about what is confounded.
extension Words {
    /// A row's label in the coefficient plot: the change for a knob ("doubling parameters"), the
    /// name for a covariate (its change is too long for the plot and is in the table).
    func label(_ row: EffectRow) -> String {
        row.isKnob ? unit(row.effect) : name(row.effect)
    }

    func name(_ effect: ParameterEffects.Effect) -> String {
        if let knob = ProfileKnob(rawValue: effect.key) { return name(knob) }
        let russian: String? = switch BattleCovariate(rawValue: effect.key) {
        case .position: "позиция"
        case .length: "длина ответа"
        case .markdown: "разметка markdown"
        case nil: nil
        }
        return self(effect.name, russian ?? effect.name)
    }

    /// The change the effect is quoted for.
    func unit(_ effect: ParameterEffects.Effect) -> String {
        let russian: String? = switch (ProfileKnob(rawValue: effect.key), BattleCovariate(rawValue: effect.key)) {
        case (.parameters?, _): "удвоение числа параметров"
        case (.quantisation?, _): "на один бит квантования больше"
        case (.context?, _): "удвоение контекстного окна"
        case (.activeExperts?, _): "на одного активного эксперта больше"
        case (.thinking?, _): "рассуждение включено (против выключенного)"
        case (nil, .position?): "показан слева"
        case (nil, .length?): "вдвое длиннее другого ((a − b)/(a + b) = 1/3)"
        case (nil, .markdown?): "вся разметка markdown на его стороне ((a − b)/(a + b) = 1)"
        case (nil, nil): nil
        }
        return self(effect.unit, russian ?? effect.unit)
    }

    func name(_ knob: ProfileKnob) -> String {
        switch knob {
        case .parameters: self(knob.name, "число параметров")
        case .quantisation: self(knob.name, "биты квантования")
        case .context: self(knob.name, "контекстное окно")
        case .activeExperts: self(knob.name, "число активных экспертов")
        case .thinking: self(knob.name, "рассуждение")
        }
    }

    /// What the bootstrap resampled (`ParameterEffects.resampled`), in a phrase.
    func resampled(_ what: String) -> String {
        switch what {
        case "tasks": self("tasks resampled", "с пересэмплированием заданий")
        case "battles": self("battles resampled", "с пересэмплированием встреч")
        default: self("\(what) resampled", "пересэмплированы: \(what)")
        }
    }

    /// Why the design credits the knobs it does and not the others, and what arm would separate
    /// the rest, in the order of `ProfileDesign.explanation`.
    func explanation(_ design: ProfileDesign) -> [String] {
        guard language == .ru else { return design.explanation }
        func quoted(_ knobs: [ProfileKnob]) -> String { knobs.map { "«\(name($0))»" }.joined(separator: " и ") }
        var lines: [String] = []
        for alias in design.aliasing {
            let moved = alias.with.isEmpty ? "остальными параметрами" : (alias.with.count == 1 ? "параметром " : "параметрами ") + quoted(alias.with)
            var line = "Параметр \(quoted([alias.knob])) на этих системах всегда меняется вместе с \(moved): их влияния смешаны, и различить их нельзя."
            if let arm = alias.suggestedArm { line += " Разделит их ещё одна система: \(arm)." }
            lines.append(line)
        }
        for level in design.familyLevel {
            var line = "Параметр \(quoted([level.knob])) меняется только между семействами (внутри каждого семейства он одинаков): его влияние нельзя отделить от всего остального, чем различаются семейства, — базовой модели, данных обучения, — и оно не оценивается."
            if let arm = level.suggestedArm { line += " Отделит его ещё одна система: \(arm)." }
            lines.append(line)
        }
        if !design.familyLevel.isEmpty, !design.knobs.isEmpty, design.aliasing.isEmpty {
            lines.append("Оценивается, так как меняется и внутри семейств: \(design.knobs.map { "«\(name($0))»" }.joined(separator: ", ")).")
        }
        if design.knobs.isEmpty, design.aliasing.isEmpty, design.familyLevel.isEmpty {
            lines.append("Нет параметра, который известен для каждой системы и различается между ними: оценивать нечего.")
        } else if design.residualDegreesOfFreedom < 1 {
            let varying = ProfileKnob.allCases.filter { knob in design.knobs.contains(knob) || design.aliasing.contains { $0.knob == knob } }
            let changed = varying.map { name($0) }.joined(separator: ", ")
            if design.distinctProfiles <= 2 {
                lines.append("Только два различных профиля: всё, чем они различаются (\(changed), а также всё незаписанное — базовая модель, обучение, настройка), идёт одним пакетом, и ни одному параметру нельзя приписать разницу. Рейтинг выше измеряет пакет целиком.")
            } else {
                lines.append("Различных профилей \(design.distinctProfiles) на параметров \(design.knobs.count) (\(changed)): параметры в точности объясняют каждую разницу между профилями, и не остаётся ничего, чтобы отличить параметр от всего прочего, чем различаются системы.")
            }
            lines.append("Чтобы оценить параметр, добавьте системы, меняющие по одному параметру за раз, — хотя бы на одну больше, чем нужно параметрам.")
        }
        for knob in ProfileKnob.allCases {
            if let missing = design.unknown[knob] {
                lines.append("Параметр \(quoted([knob])) не учитывается: он неизвестен для \(missing.joined(separator: ", ")) — возможно, он входит в то, чем системы различаются.")
            }
        }
        return lines
    }
}
