/// How every number was made, with the sources, for the appendix.
extension StudyReportHTML {
    static func method(_ report: StudyReport, _ words: Words) -> HTMLNode {
        var entries: [(String, String)] = [
            (words("Rating", "Рейтинг"),
             words("Bradley–Terry maximum-likelihood strength on the Elo scale (400·log10): 200 points means the higher system wins about 76% of untied battles. Each judgement gives one battle per criterion (the higher score wins) and one overall battle from the preference; a repeated item counts once.",
                   "Сила по Брэдли — Терри (максимальное правдоподобие) по шкале Эло (400·log10): 200 пунктов — более сильная система выигрывает около 76% встреч без ничьих. Каждая оценка даёт одну встречу на критерий (выше оценка — победа) и одну общую из предпочтения; повтор считается один раз.")),
            (words("Intervals", "Интервалы"),
             words("Percentile bootstrap: rankings and mean scores resample tasks, each with all its battles; agreement resamples units. The head-to-head win rate is clustered by task (the ratio estimator's cluster-robust variance in a Wilson interval on the effective sample size, Korn & Graubard 1998, with Student's t on tasks − 1 degrees of freedom); other shares use Wilson intervals; slopes use t intervals.",
                   "Процентильный бутстреп: рейтинги и средние оценки пересэмплируют задания со всеми их встречами; согласие — единицы. Доля побед в очных встречах — с группировкой по заданиям (устойчивая к кластерам дисперсия отношения в интервале Уилсона на эффективном объёме выборки, Korn & Graubard 1998, с t Стьюдента на число заданий − 1 степеней свободы); прочие доли — интервалы Уилсона; наклоны — t-интервалы.")),
            (words("Holm's correction", "Поправка Холма"),
             words("Holm (1979): the criteria's p-values sorted, the i-th smallest multiplied by (m − i + 1), made non-decreasing, capped at 1.",
                   "Holm (1979): p-значения критериев упорядочиваются, i-е наименьшее умножается на (m − i + 1), делается неубывающим и ограничивается 1.")),
            (words("Construct validity", "Конструктная валидность"),
             words("Pearson correlations between criteria over answers, and of each criterion's margin with the preference (Campbell & Fiske 1959); a halo warning above 0.85 (Thorndike 1920).",
                   "Корреляции Пирсона между критериями по ответам и перевеса по каждому критерию с предпочтением (Campbell & Fiske 1959); предупреждение об ореоле выше 0,85 (Thorndike 1920).")),
            (words("Serial position", "Позиция в сессии"),
             words("Least-squares slopes of score, distance from the other raters and seconds on the item's position, raters as fixed effects (Wooldridge 2010, §10.5).",
                   "Наклоны МНК оценки, отклонения от остальных и времени по позиции пары, оценщики как фиксированные эффекты (Wooldridge 2010, §10.5).")),
            (words("Rater groups", "Группы оценщиков"),
             words("Each background's own Bradley–Terry ranking; the difference per system with an interval from one task bootstrap over both groups.",
                   "Отдельный рейтинг Брэдли — Терри для каждой специальности; разность по каждой системе с интервалом из общего бутстрепа по заданиям.")),
            (words("Split-half reliability", "Надёжность расщеплением"),
             words("Random halves of the raters, many times; the halves' estimates correlated and corrected by Spearman–Brown, 2r / (1 + r) (Spearman 1910; Brown 1910; Parsons, Kruijt & Fox 2019).",
                   "Случайные половины оценщиков, много раз; оценки половин коррелируются и исправляются по Спирмену — Брауну, 2r / (1 + r) (Spearman 1910; Brown 1910; Parsons, Kruijt & Fox 2019).")),
        ]
        if report.sections.contains(where: { $0.effects != nil }) {
            entries.append((words("Parameter effects", "Влияние параметров"),
                            words("A Bradley–Terry model whose log-strengths are a linear function of the systems' profiles (log2 parameters, quantisation bits, log2 context, active experts, thinking) plus a residual per system with a normal prior, and the answers' position, length and markdown as battle covariates (Chatbot Arena's style control); penalised maximum likelihood. A knob is credited only when the design separates it: not aliased with another knob, not the same within every family, and with more distinct profiles than knobs plus one. Intervals: a bootstrap of whole tasks (Field & Welsh 2007; of battles when the ranking resamples battles), each round one Newton step from the estimate (Andrews 2002), stretched for few tasks as the rankings are (√(G/(G − 1))·t/z, Cameron & Miller 2015).",
                                  "Модель Брэдли — Терри, у которой логарифм силы — линейная функция профиля системы (log2 числа параметров, биты квантования, log2 контекста, активные эксперты, рассуждение) плюс остаток каждой системы с нормальным априорным распределением, а позиция, длина и разметка ответов — ковариаты встречи (контроль стиля Chatbot Arena); штрафованное максимальное правдоподобие. Параметр оценивается, только если дизайн его отделяет: он не смешан с другим параметром, не одинаков внутри каждого семейства, и различных профилей больше, чем параметров плюс один. Интервалы — бутстреп целых заданий (Field & Welsh 2007; встреч, если рейтинг пересэмплирует встречи), в каждом раунде один шаг Ньютона от оценки (Andrews 2002), растянутые при малом числе заданий, как у рейтингов (√(G/(G − 1))·t/z, Cameron & Miller 2015).")))
        }
        var list: [HTMLNode] = []
        for (term, definition) in entries {
            list.append(H.el("dt", text: term))
            list.append(H.el("dd", text: definition))
        }
        return section("method", words("Method", "Методика"), [
            H.el("dl", [], list),
            H.p(words("Made with agon \(AgonVersion.current); every number here is also in `agon report \(report.study) --json`.",
                      "Сделано agon \(AgonVersion.current); каждое число здесь есть и в `agon report \(report.study) --json`."), [("class", "note")]),
        ])
    }
}
