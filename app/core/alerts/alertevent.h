// SPDX-License-Identifier: MIT
#pragma once

#include "core/alerts/alertrule.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace allium {

/// One alert: a rule fired (or a cooldown ended with matches it held back). What the alert log,
/// the desktop notification, the table's highlight and `allium-cli watch` receive.
struct AlertEvent
{
    /// Longest triggering message kept (bytes of JSON); a longer one is left out and its size
    /// kept, so a hostile stream cannot make the log hold megabytes per alert.
    static constexpr int MaxMessageBytes = 64 * 1024;

    QString rule; ///< the rule's name
    AlertRuleKind ruleKind = AlertRuleKind::Match;
    QString topic;
    qint64 timeMs = 0; ///< wall clock (ms since epoch): the triggering message's receipt time
    /// Matches this event stands for: 1 for a first match; at a cooldown's end, the matches held
    /// back during it; a fire after an unreported cooldown adds those.
    quint64 count = 1;
    /// True when this event reports matches a cooldown held back (`count` of them, with this
    /// one when a match brought the report; the last as `message`): it continues the rule's
    /// burst, so a notification or log entry for the same rule is updated, not added.
    bool heldBack = false;
    QByteArray message;      ///< raw JSON of the (last) triggering message; may be empty
    qint64 messageBytes = 0; ///< its size, also when it was too large to keep
    quint64 sequence = 0;    ///< the message's StreamMessage::sequence (0: none), for the table
    QString detail;          ///< "12 matches in the last minute", an integrity summary, …
    QJsonObject integrity;   ///< integrity and lag rules: the IntegrityEvent's toJson()

    /// Keeps `json` unless it is larger than MaxMessageBytes.
    void setMessage(const QByteArray &json);
    /// `{"kind":"alert","topic","time","rule","rule_kind","count","message",…}`: a line of
    /// `allium-cli watch`. `message` is the message's JSON object itself (absent when none or
    /// too large: then `message_bytes`), `held_back` only when true, `detail` and `integrity`
    /// only when set.
    QJsonObject toJson() const;
    /// One line for people: "whales: 3 matches (value > …)".
    QString summary() const;
    /// Approximate memory held, for byte-bounded logs.
    qint64 footprintBytes() const;
};

} // namespace allium

Q_DECLARE_METATYPE(allium::AlertEvent)
