/**
 * Main-content extraction from HTML: {@link dev.researcher4j.tools.web.extract.ContentExtractor}
 * turns a page into its title, article text (plain and markdown), links and metadata, dropping
 * navigation, ads, cookie banners, comments and footers. Also the library side of the extraction
 * benchmark ({@link dev.researcher4j.tools.web.extract.ExtractionBenchmark}, {@link
 * dev.researcher4j.tools.web.extract.ExtractionScorer}).
 */
package dev.researcher4j.tools.web.extract;
