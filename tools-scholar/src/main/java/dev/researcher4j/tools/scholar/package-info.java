/**
 * Scholarly literature for research agents: clients of arXiv, Semantic Scholar, OpenAlex, Crossref
 * and PubMed ({@link dev.researcher4j.tools.scholar.ScholarSource}), one {@link
 * dev.researcher4j.tools.scholar.Paper} model, merging across sources ({@link
 * dev.researcher4j.tools.scholar.PaperMerger}), BibTeX and CSL-JSON output, a facade that queries
 * sources in parallel ({@link dev.researcher4j.tools.scholar.ScholarSearch}), and the agent tools
 * ({@link dev.researcher4j.tools.scholar.ScholarTools}).
 *
 * <p>Typical use: {@code ScholarTools.create(ScholarSearch.fromEnv(), FullTextReader.NONE)}.
 * Everything here is immutable and thread-safe unless a type says otherwise; text fields are empty
 * strings when unknown, never {@code null}.
 */
package dev.researcher4j.tools.scholar;
