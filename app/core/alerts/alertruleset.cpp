// SPDX-License-Identifier: MIT
#include "core/alerts/alertruleset.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace allium {

namespace {

// "rule 3 (\"whales\")": numbered from 1, as a person counts them in the file.
QString rulePlace(int index, const QString &name)
{
    const QString number = QStringLiteral("rule %1").arg(index + 1);
    if (name.isEmpty())
        return number;
    // A name is quoted as JSON would, and long ones are cut: the message is for a status line.
    QString shown = name.left(60);
    shown.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return number + QStringLiteral(" (\"%1%2\")")
                        .arg(shown, name.size() > 60 ? QStringLiteral("…") : QString());
}

} // namespace

QList<AlertRule> AlertRuleSet::rulesForTopic(const QString &topic) const
{
    QList<AlertRule> result;
    for (const AlertRule &rule : m_rules) {
        if (rule.topic == topic)
            result.append(rule);
    }
    return result;
}

QByteArray AlertRuleSet::toJsonText() const
{
    QJsonArray array;
    for (const AlertRule &rule : m_rules)
        array.append(rule.toJson());
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

AlertRuleSet AlertRuleSet::parse(const QByteArray &jsonText, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return AlertRuleSet();
    };
    if (jsonText.size() > MaxFileBytes)
        return fail(QStringLiteral("the rules file is larger than %1 bytes").arg(MaxFileBytes));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(jsonText, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(QStringLiteral("not valid JSON at offset %1: %2")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
    }
    if (!document.isArray())
        return fail(QStringLiteral("the rules file must be a JSON array of rules"));
    const QJsonArray array = document.array();
    if (array.size() > MaxRules)
        return fail(QStringLiteral("more than %1 rules").arg(MaxRules));

    AlertRuleSet set;
    QSet<QString> names;
    for (int i = 0; i < array.size(); ++i) {
        const AlertRuleParseResult result = AlertRule::fromJson(array.at(i));
        if (!result.ok()) {
            const QString name = array.at(i).toObject().value(QStringLiteral("name")).toString();
            return fail(rulePlace(i, name) + QStringLiteral(": ") + result.errorString());
        }
        // Names identify a rule in the log, the notifications and `watch`'s output.
        if (names.contains(result.rule.name))
            return fail(rulePlace(i, result.rule.name) +
                        QStringLiteral(": name: used by an earlier rule"));
        names.insert(result.rule.name);
        set.m_rules.append(result.rule);
    }
    if (error)
        error->clear();
    return set;
}

AlertRuleSet AlertRuleSet::readFile(const QString &fileName, QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(fileName, file.errorString());
        return {};
    }
    if (file.size() > MaxFileBytes) {
        if (error)
            *error = QStringLiteral("%1 is larger than %2 bytes").arg(fileName).arg(MaxFileBytes);
        return {};
    }
    return parse(file.read(MaxFileBytes + 1), error);
}

QString AlertRuleSet::validationError(const QList<AlertRule> &rules)
{
    if (rules.size() > MaxRules)
        return QStringLiteral("more than %1 rules").arg(MaxRules);
    QSet<QString> names;
    for (int i = 0; i < rules.size(); ++i) {
        const QString problem = rules.at(i).validationError();
        if (!problem.isEmpty())
            return rulePlace(i, rules.at(i).name) + QStringLiteral(": ") + problem;
        if (names.contains(rules.at(i).name))
            return rulePlace(i, rules.at(i).name) +
                   QStringLiteral(": name: used by an earlier rule");
        names.insert(rules.at(i).name);
    }
    return {};
}

} // namespace allium
