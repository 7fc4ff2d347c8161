<?xml version="1.0" encoding="UTF-8"?>
{#- The page a browser shows for every RSS and Atom feed of the site (feeds.xml_document names it).
    XSLT 1.0, run by the browser on the feed; feed readers never see it. Written once per build:
    the feed's own title, address and entries come from the feed, the site's from the settings. -#}
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
<xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

<xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
<xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/>
<xsl:variable name="page" select="/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href"/>

<xsl:template match="/">
<html lang="de">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<title>Feed: <xsl:value-of select="$title"/></title>
<style>
body { font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; background: #fff; margin: 0; }
main { max-width: 44rem; margin: 0 auto; padding: 1rem 1.1rem 3rem; }
.note { background: #eef4fb; border-left: 4px solid #1d5a8e; padding: .6rem 1rem; margin: 1rem 0; }
a { color: #1d5a8e; }
a:focus-visible, button:focus-visible { outline: 3px solid #1d5a8e; outline-offset: 2px; }
code { display: block; overflow-wrap: anywhere; background: #f3f3f3; padding: .5rem .7rem; font-size: .95rem; }
ol.entries { padding-left: 1.2rem; }
ol.entries li { margin: 0 0 1rem; }
.meta { color: #505050; font-size: .95rem; }
nav ul { padding-left: 1.2rem; }
</style>
</head>
<body>
<main>
<p class="meta">{{ settings.title }}</p>
<h1>Feed: <xsl:value-of select="$title"/></h1>
<p class="note">Diese Seite ist ein <strong>Feed</strong>: die Liste der neuesten Einträge, die ein
Feedreader regelmäßig abruft. Sie müssen hier nichts tun – lesen Sie die Einträge unten
oder abonnieren Sie den Feed, um Neues künftig von selbst zu bekommen.</p>

<h2>So abonnieren Sie diesen Feed</h2>
<ol>
<li>Kopieren Sie die Adresse dieses Feeds:<code><xsl:value-of select="$self"/></code></li>
<li>Fügen Sie sie in Ihrem Feedreader als neues Abonnement ein – zum Beispiel in Thunderbird
(„Konten einrichten: Feeds“), Outlook („RSS-Feeds: Neuer RSS-Feed“), Feedly oder der Leseliste Ihres Browsers.</li>
</ol>
<p>Kein Feedreader zur Hand? Den <a href="{{ 'monatsbrief/'|site_url }}">Monatsbrief</a> gibt es auch zum Lesen und
Weitergeben. Alle Möglichkeiten stehen unter <a href="{{ 'abonnieren/'|site_url }}">Abonnieren</a>.</p>

<h2>Die neuesten Einträge</h2>
<xsl:choose>
<xsl:when test="/rss/channel/item | /atom:feed/atom:entry">
<ol class="entries">
<xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
</ol>
</xsl:when>
<xsl:otherwise><p>Dieser Feed enthält zurzeit keine Einträge.</p></xsl:otherwise>
</xsl:choose>

<nav aria-label="Zurück zur Website">
<h2>Zurück zur Website</h2>
<ul>
<li><a href="{$page}">Zur Seite dieses Feeds</a></li>
<li><a href="{{ ''|site_url }}">Zur Startseite: {{ settings.title }}</a></li>
<li><a href="{{ 'abonnieren/'|site_url }}">Alle Feeds, Kalender und der Monatsbrief</a></li>
</ul>
</nav>
</main>
</body>
</html>
</xsl:template>

<xsl:template match="item">
<li>
<a href="{link}"><xsl:value-of select="title"/></a>
<xsl:if test="pubDate"><br/><span class="meta">vom <xsl:call-template name="rfc822"><xsl:with-param name="date" select="pubDate"/></xsl:call-template></span></xsl:if>
<xsl:if test="description"><br/><xsl:value-of select="description"/></xsl:if>
</li>
</xsl:template>

<xsl:template match="atom:entry">
<li>
<a href="{atom:link[not(@rel) or @rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
<xsl:if test="atom:published"><br/><span class="meta">vom <xsl:value-of select="concat(substring(atom:published, 9, 2), '.', substring(atom:published, 6, 2), '.', substring(atom:published, 1, 4))"/></span></xsl:if>
<xsl:if test="atom:summary"><br/><xsl:value-of select="atom:summary"/></xsl:if>
</li>
</xsl:template>

{# "Wed, 21 Apr 2021 00:00:00 +0200" -> "21.04.2021" #}
<xsl:template name="rfc822">
<xsl:param name="date"/>
<xsl:variable name="month" select="substring($date, 9, 3)"/>
<xsl:value-of select="concat(substring($date, 6, 2), '.', substring('010203040506070809101112', 2 * ((string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', $month)) div 3)) + 1, 2), '.', substring($date, 13, 4))"/>
</xsl:template>
</xsl:stylesheet>
