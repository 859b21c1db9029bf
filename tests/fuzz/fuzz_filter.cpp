// SPDX-License-Identifier: MIT
// Fuzzes the filter as a user, a saved file or a client's setFilter hands it over: the editor's
// syntax check, Filter::parse and validation, the error location an editor underlines, the
// toJson() round trip, and matching fixed messages through the compiled FilterMatcher; and the
// same bytes as a client's whole control frame on a stream endpoint (StreamControlRequest).
#include "core/filter/filter.h"
#include "core/filter/filtermatcher.h"
#include "core/json/jsonpathlocator.h"
#include "core/json/jsonsyntaxcheck.h"
#include "core/stream/streamcontrolrequest.h"
#include "fuzzsupport.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

#include <cstddef>
#include <cstdint>

using namespace allium;

namespace {

QList<QJsonObject> messages()
{
    static const QList<QJsonObject> list = [] {
        const char *texts[] = {
            R"({"number":19000000,"hash":"0xABCDEF0123","gas_used":"1000000000000000000000",
                "miner":"0xabcdef0123","timestamp":"2025-06-21T05:14:15Z","base_fee_per_gas":7.5,
                "transactions":[{"value":"-0.5","to":null},{"value":12}],"ok":true,
                "topics":["0x01","0x02"],"payload":{"coin":"BTC","px":"64000.5","sz":-0.001}})",
            R"({"coin":"ETH","side":"B","px":3000,"sz":"007","time":1718946855123,"users":[],
                "nested":{"a":{"b":{"c":{"d":[[1,2],[3,{"e":"f"}]]}}}},"empty":{},"n":null})",
            R"({})",
        };
        QList<QJsonObject> result;
        for (const char *text : texts)
            result.append(QJsonDocument::fromJson(QByteArray(text)).object());
        return result;
    }();
    return list;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = fuzz::bytesOf(data, size);
    const QString text = QString::fromUtf8(bytes);

    // A control frame as the emulator and a replay read it: one action, or a reason.
    const StreamControlRequest control = StreamControlRequest::parse(bytes);
    fuzz::require((control.action == StreamControlRequest::Action::Invalid) ==
                      !control.error.isEmpty(),
                  "a control frame is an action or an error");
    if (control.action == StreamControlRequest::Action::SetFilter)
        fuzz::require(control.filter.validationError().isEmpty(), "its filter validates");

    // What the filter editor does while the user types.
    const JsonSyntaxCheck syntax = JsonSyntaxCheck::check(text);
    (void)syntax.message();

    const FilterParseResult parsed = Filter::parse(bytes);
    if (!parsed.ok()) {
        (void)parsed.errorString();
        const JsonPathLocator::Range range = JsonPathLocator::locate(text, parsed.errorPath);
        fuzz::require(!range.isValid() || (range.start + range.length <= text.size()),
                      "located range inside the text");
        return 0;
    }

    const Filter &filter = parsed.filter;
    fuzz::require(filter.validationError().isEmpty(), "a parsed filter validates");
    (void)filter.fieldPaths();

    // The filter sent to the server parses back to the same filter.
    const QByteArray serialised = filter.toJsonText();
    const FilterParseResult again = Filter::parse(serialised);
    fuzz::require(again.ok(), "toJson() of a parsed filter parses");
    fuzz::require(again.filter == filter, "toJson() round trip gives the same filter");
    (void)filter.toJsonText(true);

    const FilterMatcher matcher(filter);
    fuzz::require(matcher.isValid(), "a parsed filter compiles");
    for (const QJsonObject &message : messages()) {
        const bool matched = matcher.matches(message);
        fuzz::require(filter.matches(message) == matched, "Filter and FilterMatcher agree");
        fuzz::require(again.filter.matches(message) == matched, "round trip matches the same");
    }
    return 0;
}
