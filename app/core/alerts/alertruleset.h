// SPDX-License-Identifier: MIT
#pragma once

#include "core/alerts/alertrule.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace allium {

/// The rules file: a JSON array of rule objects (AlertRule::toJson()), read by the rules
/// manager's import, the saved settings and `allium-cli watch --rules FILE`. Reading is
/// bounded (file size, rule count) and all or nothing: the first invalid rule refuses the file
/// with its place, "rule 3 (\"whales\"): when.conditions[1].value: …".
class AlertRuleSet
{
public:
    static constexpr qint64 MaxFileBytes = 1024 * 1024;
    static constexpr int MaxRules = 1000;

    AlertRuleSet() = default;
    explicit AlertRuleSet(const QList<AlertRule> &rules)
        : m_rules(rules)
    {}

    const QList<AlertRule> &rules() const { return m_rules; }
    QList<AlertRule> &rules() { return m_rules; }
    /// The rules of one topic.
    QList<AlertRule> rulesForTopic(const QString &topic) const;

    /// The file's text: an indented JSON array.
    QByteArray toJsonText() const;

    /// Parses the file's text. On error, rules() is empty and `error` says where.
    static AlertRuleSet parse(const QByteArray &jsonText, QString *error);
    /// Reads a file (refusing one above MaxFileBytes before reading it).
    static AlertRuleSet readFile(const QString &fileName, QString *error);
    /// The first problem of rules built in code (duplicate names, an invalid rule), or empty.
    static QString validationError(const QList<AlertRule> &rules);

private:
    QList<AlertRule> m_rules;
};

} // namespace allium
