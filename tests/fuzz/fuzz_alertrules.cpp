// SPDX-License-Identifier: MIT
// Fuzzes the alert rules file as the rules manager's import, the saved settings and
// `allium-cli watch --rules FILE` read it: AlertRuleSet::parse with its error places, the
// toJsonText() round trip, and the rules run by an AlertEngine on fixed messages, whose verdict
// (read from the raw text, top-level members only) must be the filter's on the whole document.
#include "core/alerts/alertengine.h"
#include "core/alerts/alertruleset.h"
#include "fuzzsupport.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QList>

#include <cstddef>
#include <cstdint>

using namespace allium;

namespace {

const QList<QByteArray> &messages()
{
    static const QList<QByteArray> list = {
        R"({"number":19000000,"hash":"0xABCDEF0123","value":"1000000000000000000000",)"
        R"("s":"a\"b","transactions":[{"value":"-0.5","to":null},{"value":12}],"ok":true,)"
        R"("payload":{"coin":"BTC","px":"64000.5","sz":-0.001},"e":1e3,"dup":1,"dup":2})",
        R"({"coin":"ETH","side":"B","px":3000,"sz":"007","n":null,"nested":{"a":[[1,2],{"e":"f"}]}})",
        R"({})",
    };
    return list;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = fuzz::bytesOf(data, size);
    QString error;
    const AlertRuleSet set = AlertRuleSet::parse(bytes, &error);
    if (!error.isEmpty()) {
        fuzz::require(set.rules().isEmpty(), "a refused file gives no rules");
        fuzz::require(error.size() < 4096, "an error is one line, not the input");
        return 0;
    }
    fuzz::require(AlertRuleSet::validationError(set.rules()).isEmpty(), "parsed rules validate");
    const AlertRuleSet again = AlertRuleSet::parse(set.toJsonText(), &error);
    fuzz::require(error.isEmpty(), "toJsonText() of parsed rules parses");
    fuzz::require(again.rules() == set.rules(), "the round trip gives the same rules");

    // Each match rule alone, cooldown 0, on its own topic: fires exactly when its filter matches.
    for (AlertRule rule : set.rules()) {
        if (rule.kind != AlertRuleKind::Match)
            continue;
        rule.enabled = true;
        rule.cooldownMs = 0;
        AlertEngine engine;
        engine.setTopic(rule.topic);
        engine.setRules({rule});
        int fired = 0;
        QObject::connect(&engine, &AlertEngine::alertFired, &engine, [&fired] { ++fired; });
        for (const QByteArray &message : messages()) {
            const int before = fired;
            engine.noteMessage(message, 1000);
            const bool expected = rule.when.matches(QJsonDocument::fromJson(message).object());
            fuzz::require((fired > before) == expected, "the engine agrees with the filter");
        }
        engine.tick(2000);
    }
    return 0;
}
