"""Turn saved news pages into clean article records.

`reader` gets text out of a file or stdin safely, `boilerplate` and
`metadata` take a page apart, `page` assembles the article, `service` runs a
batch with one transaction per article.
"""
