#!/usr/bin/perl
# check_md_links.pl FILE.md ITEMS — renders a Markdown booklet with Discount
# (Text::Markdown::Discount: a Markdown parser that is not ours) and checks
# that its contents list holds ITEMS links, each to "#anchor" where anchor is
# the one GitHub gives a heading with the same text as the link, counted over
# every heading of the rendered document in order (github-slugger's rules,
# written again here with Perl's Unicode tables: lower case; letters, marks,
# decimal and letter numbers, '_', '-' and ' ' kept; ' ' to '-'; a repeat
# gets -1, -2 ...).  Prints what is wrong and exits 1.
use strict;
use warnings;
use Encode qw(decode);
use Text::Markdown::Discount;
binmode STDOUT, ":encoding(UTF-8)";

my ($file, $want) = @ARGV;
open my $fh, '<:raw', $file or die "check_md_links: $file: $!\n";
my $md = do { local $/; <$fh> };
close $fh;
my $html = decode('UTF-8', Text::Markdown::Discount::markdown($md), Encode::FB_CROAK);

sub text_of {
    my $t = shift;
    $t =~ s/<[^>]*>//g;
    $t =~ s/&lt;/</g;
    $t =~ s/&gt;/>/g;
    $t =~ s/&quot;/"/g;
    $t =~ s/&#39;/'/g;
    $t =~ s/&#(\d+);/chr($1)/ge;
    $t =~ s/&amp;/&/g;
    $t =~ s/^\s+|\s+$//g;
    return $t;
}

my (%seen, %anchor_of);
while ($html =~ m{<h([1-6])[^>]*>(.*?)</h\1>}gs) {
    my $text = text_of($2);
    (my $slug = lc $text) =~ s/[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc} \-]//g;
    $slug =~ s/ /-/g;
    my $r = $slug;
    while (exists $seen{$r}) {
        $seen{$slug}++;
        $r = "$slug-$seen{$slug}";
    }
    $seen{$r} = 0;
    push @{ $anchor_of{$text} }, $r;
}

my $bad = 0;
my ($contents) = $html =~ m{<h2>Contents</h2>(.*?)<hr}s;
defined $contents or die "check_md_links: $file: no contents list\n";
my $items = 0;
while ($contents =~ m{<a href="#([^"]*)">(.*?)</a>}gs) {
    my ($href, $text) = ($1, text_of($2));
    (my $bytes = $href) =~ s/%([0-9A-Fa-f]{2})/chr(hex($1))/ge;
    my $anchor = decode('UTF-8', $bytes);
    $items++;
    unless (grep { $_ eq $anchor } @{ $anchor_of{$text} || [] }) {
        print "link \"$text\" -> #$anchor: no heading \"$text\" has that anchor (",
            join(', ', map {"#$_"} @{ $anchor_of{$text} || [] }), ")\n";
        $bad = 1;
    }
}
if ($items != $want) {
    print "$items links in the contents, not $want\n";
    $bad = 1;
}
exit $bad;
