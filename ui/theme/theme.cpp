// SPDX-License-Identifier: MIT
#include "ui/theme/theme.h"

namespace allium {

namespace Theme {

namespace {

// A hue and saturation at a lightness that keeps contrast with the background: dark tones on
// light palettes, light tones on dark ones.
QColor tone(int hue, int saturation, int lightOnDark, int darkOnLight, bool dark)
{
    return QColor::fromHsl(hue, saturation, dark ? lightOnDark : darkOnLight);
}

} // namespace

bool isDark(const QPalette &palette)
{
    // Base, not Window: nearly every colour here is drawn on Base (table cells, JSON editors,
    // the charts, which fill their plot area with Base), so a palette with a light window
    // around dark editors is a dark one for them.
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor color(Role role, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (role) {
    // The hues of a traffic light, plus blue for waiting.
    case Role::Pending:
        return tone(210, 160, 170, 80, dark);
    case Role::Success:
        return tone(130, 150, 160, 70, dark);
    case Role::Failure:
        return tone(0, 180, 170, 95, dark);
    case Role::Warning:
        return tone(32, 200, 160, 80, dark);
    case Role::Muted: {
        const QColor disabled = palette.color(QPalette::Disabled, QPalette::Text);
        return disabled.isValid() ? disabled : palette.color(QPalette::Text);
    }
    case Role::JsonKey:
        return tone(215, 160, 175, 85, dark);
    case Role::JsonString:
        return tone(120, 130, 175, 85, dark);
    case Role::JsonNumber:
        return tone(28, 200, 175, 85, dark);
    case Role::JsonKeyword:
        return tone(290, 140, 175, 85, dark);
    case Role::JsonPunctuation:
        // Recedes: a third of the way from the text to the background.
        return mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 1.0 / 3);
    case Role::Series:
        return dark ? QColor(0x4f, 0xc3, 0xf7) : QColor(0x1f, 0x6f, 0xd1);
    }
    return palette.color(QPalette::Text);
}

QColor noticeBackground(const QPalette &palette)
{
    // A tint rather than a fixed colour keeps the palette's text colour readable on it.
    return mix(palette.color(QPalette::Window), QColor(230, 160, 30), 0.28);
}

QColor currentRowBackground(const QPalette &palette)
{
    QColor highlight = palette.color(QPalette::Highlight);
    highlight.setAlpha(60);
    return highlight;
}

QColor mix(const QColor &from, const QColor &to, double amount)
{
    return QColor::fromRgbF(float(from.redF() * (1 - amount) + to.redF() * amount),
                            float(from.greenF() * (1 - amount) + to.greenF() * amount),
                            float(from.blueF() * (1 - amount) + to.blueF() * amount));
}

QPalette darkPalette()
{
    QPalette palette;
    const QColor window(45, 47, 51);
    const QColor base(30, 31, 34);
    const QColor text(225, 227, 230);
    const QColor disabled(130, 133, 138);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(38, 40, 43));
    palette.setColor(QPalette::ToolTipBase, window);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabled);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Link, QColor(110, 170, 255));
    palette.setColor(QPalette::Highlight, QColor(60, 110, 190));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Mid, QColor(70, 72, 76));
    palette.setColor(QPalette::Dark, QColor(25, 26, 28));
    palette.setColor(QPalette::Light, QColor(80, 82, 86));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabled);
    return palette;
}

} // namespace Theme

} // namespace allium
